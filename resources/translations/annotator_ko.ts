<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>Adjudicator</name>
    <message>
        <source>Accept %1 “%2”</source>
        <translation>%1 “%2” 채택</translation>
    </message>
    <message>
        <source>Reject %1 “%2”</source>
        <translation>%1 “%2” 기각</translation>
    </message>
    <message>
        <source>Accept all of %1</source>
        <translation>%1의 스팬 모두 채택</translation>
    </message>
    <message>
        <source>Merge agreed spans</source>
        <translation>일치한 스팬 병합</translation>
    </message>
    <message>
        <source>Mark adjudicated</source>
        <translation>판정 완료로 표시</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <source>every document</source>
        <translation>모든 문서</translation>
    </message>
    <message>
        <source>documents both annotators marked done</source>
        <translation>두 작업자가 모두 완료한 문서</translation>
    </message>
    <message>
        <source>Compared over %1: %2 of %3 documents. Krippendorff&apos;s α %4 over %5 morphemes. Mean F1 %6 strict, %7 lenient; mean κ %8.</source>
        <translation>비교 대상: %1, 문서 %3건 중 %2건. Krippendorff α %4 (형태소 %5개). 평균 F1 엄격 %6, 완화 %7, 평균 κ %8.</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>문서</translation>
    </message>
    <message>
        <source>F1 strict</source>
        <translation>F1 엄격</translation>
    </message>
    <message>
        <source>F1 lenient</source>
        <translation>F1 완화</translation>
    </message>
    <message>
        <source>κ</source>
        <translation>κ</translation>
    </message>
    <message>
        <source>Spans of A</source>
        <translation>A의 스팬</translation>
    </message>
    <message>
        <source>Spans of B</source>
        <translation>B의 스팬</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Exact matches</source>
        <translation>정확히 일치</translation>
    </message>
    <message>
        <source>Spans of %1</source>
        <translation>%1 스팬</translation>
    </message>
    <message>
        <source>F1 per label, over every pair</source>
        <translation>레이블별 F1 (모든 작업자 쌍)</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>작업자</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>스팬</translation>
    </message>
    <message>
        <source>Statuses</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>Compared</source>
        <translation>비교한 작업자</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) counted: each was compared between the annotators listed. Double-click one to open it.</source>
        <translation>
            <numerusform>계산에 포함된 문서 %n건: 각 문서를 옆에 적힌 작업자끼리 비교했습니다. 두 번 클릭하면 문서를 엽니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>작업자 간 일치도</translation>
    </message>
    <message>
        <source>Count every document (not only those marked done)</source>
        <translation>완료 표시와 관계없이 모든 문서 포함</translation>
    </message>
    <message>
        <source>Recompute</source>
        <translation>다시 계산</translation>
    </message>
    <message>
        <source>Pairwise:</source>
        <translation>작업자 쌍별:</translation>
    </message>
    <message>
        <source>F1 strict (same start, end, label)</source>
        <translation>F1 엄격 (시작·끝·레이블이 모두 같음)</translation>
    </message>
    <message>
        <source>F1 lenient (overlapping, same label)</source>
        <translation>F1 완화 (겹치고 레이블이 같음)</translation>
    </message>
    <message>
        <source>Cohen&apos;s κ over morphemes</source>
        <translation>형태소 단위 Cohen κ</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>모든 레이블</translation>
    </message>
    <message>
        <source>Pairs</source>
        <translation>작업자 쌍</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>작업자</translation>
    </message>
    <message>
        <source>Gold over time</source>
        <translation>골드와의 일치 추이</translation>
    </message>
    <message>
        <source>Spans per label, by annotator, in every document</source>
        <translation>작업자별 레이블 스팬 수 (모든 문서)</translation>
    </message>
    <message>
        <source>Agreement needs at least two annotators (found: %1). Merge your team&apos;s copies first (annotator merge).</source>
        <translation>일치도를 계산하려면 작업자가 두 명 이상 필요합니다 (현재: %1). 먼저 팀원의 사본을 병합하세요 (annotator merge).</translation>
    </message>
    <message>
        <source>The project has no documents yet: import articles first (Ctrl+I).</source>
        <translation>프로젝트에 아직 문서가 없습니다. 먼저 기사를 가져오세요 (Ctrl+I).</translation>
    </message>
    <message>
        <source>No document could be compared.</source>
        <translation>비교할 수 있는 문서가 없습니다.</translation>
    </message>
    <message>
        <source>both %1 and %2</source>
        <translation>%1와(과) %2 모두</translation>
    </message>
    <message>
        <source>two of %1</source>
        <translation>%1 중 두 명 이상</translation>
    </message>
    <message>
        <source>No document is marked done by %1: press Ctrl+Enter when a document is finished, or tick “%2” above.</source>
        <translation>%1 완료로 표시한 문서가 없습니다. 문서를 마치면 Ctrl+Enter를 누르거나, 위의 “%2”을(를) 선택하세요.</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>진행·작업 시간</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
</context>
<context>
    <name>AnnotatorReturns</name>
    <message numerus="yes">
        <source>↩ %n returned</source>
        <translation>
            <numerusform>↩ 반려 %n건</numerusform>
        </translation>
    </message>
    <message>
        <source>Documents the reviewer returned to you, with a reason: they come first in the list. Click to list only them.</source>
        <translation>검수자가 사유와 함께 반려한 문서입니다. 목록 맨 앞에 나옵니다. 누르면 반려된 문서만 보여 줍니다.</translation>
    </message>
</context>
<context>
    <name>AssignmentFilter</name>
    <message>
        <source>My documents</source>
        <translation>내 문서</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>모든 문서</translation>
    </message>
    <message>
        <source>The documents assigned to you, or every document of the project</source>
        <translation>나에게 배정된 문서, 또는 프로젝트의 모든 문서</translation>
    </message>
</context>
<context>
    <name>CandidateModel</name>
    <message>
        <source>reviewer only</source>
        <translation>검토자만</translation>
    </message>
    <message>
        <source>Marked by: %1</source>
        <translation>표시한 작업자: %1</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>작업자</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
</context>
<context>
    <name>DemoDialog</name>
    <message>
        <source>Preparing the demo project</source>
        <translation>데모 프로젝트 준비 중</translation>
    </message>
    <message>
        <source>First start: the demo project is being made in %1. Its sample articles are analysed once with Kiwi (Korean morphemes, so selections snap to them); the window opens when it is done.</source>
        <translation>처음 실행: %1에 데모 프로젝트를 만드는 중입니다. 예제 기사를 Kiwi로 한 번 형태소 분석합니다(선택 범위가 형태소에 맞춰지도록). 끝나면 창이 열립니다.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Who is annotating?</source>
        <translation>누가 작업하나요?</translation>
    </message>
    <message>
        <source>Your name or initials. Your spans and statuses are kept under it:</source>
        <translation>이름이나 이니셜을 입력하세요. 작성한 스팬과 문서 상태가 이 이름으로 저장됩니다:</translation>
    </message>
    <message>
        <source>This is %1&apos;s package: it opens as %1 only.</source>
        <translation>%1의 패키지입니다: %1(으)로만 열 수 있습니다.</translation>
    </message>
    <message>
        <source>Flag document</source>
        <translation>문서 표시(플래그)</translation>
    </message>
    <message>
        <source>What is wrong with this document?</source>
        <translation>이 문서에 어떤 문제가 있나요?</translation>
    </message>
</context>
<context>
    <name>DocumentHeader</name>
    <message>
        <source>Returned by the reviewer: %1</source>
        <translation>반려 사유: %1</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>⚑ Flagged by %1 (%2)</source>
        <translation>⚑ %1의 플래그 (%2)</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message numerus="yes">
        <source>At least %n document(s), counting…</source>
        <translation>
            <numerusform>문서 %n건 이상 · 세는 중…</numerusform>
        </translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>검색 중…</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>문서 %n건</numerusform>
        </translation>
    </message>
    <message>
        <source>Words must all occur, anywhere in a word (원주시 finds 원주시가).
Quotes keep a phrase together; AND, OR, NOT and parentheses combine words:
(원주시 OR &quot;국비 120억&quot;) NOT 추경</source>
        <translation>입력한 낱말이 모두 들어 있는 문서를 찾습니다. 낱말 안의 일부도 찾습니다(원주시 → 원주시가).
따옴표는 구절을 하나로 묶고, AND / OR / NOT과 괄호로 낱말을 조합합니다:
(원주시 OR &quot;국비 120억&quot;) NOT 추경</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>모든 상태</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>모든 레이블</translation>
    </message>
    <message>
        <source>Search titles and texts (Ctrl+Shift+F)</source>
        <translation>제목·본문 검색 (Ctrl+Shift+F)</translation>
    </message>
</context>
<context>
    <name>DocumentModel</name>
    <message>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>스팬</translation>
    </message>
</context>
<context>
    <name>Editor</name>
    <message>
        <source>Nothing to label: the selection holds only particles, endings or punctuation</source>
        <translation>레이블을 붙일 것이 없습니다: 선택한 부분이 조사·어미·문장부호뿐입니다</translation>
    </message>
    <message>
        <source>Add %1 “%2”</source>
        <translation>%1 추가 “%2”</translation>
    </message>
    <message>
        <source>Relabel as %1</source>
        <translation>%1(으)로 레이블 변경</translation>
    </message>
    <message>
        <source>Delete %1 “%2”</source>
        <translation>%1 삭제 “%2”</translation>
    </message>
    <message>
        <source>The span cannot move further that way</source>
        <translation>스팬을 그 방향으로 더 옮길 수 없습니다</translation>
    </message>
    <message>
        <source>Resize span</source>
        <translation>스팬 범위 조정</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>완료 표시</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>건너뛰기</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>플래그</translation>
    </message>
    <message>
        <source>Accept %1 “%2”</source>
        <translation>%1 “%2” 제안 수락</translation>
    </message>
    <message>
        <source>Accept %1 suggestions</source>
        <translation>제안 %1개 수락</translation>
    </message>
    <message>
        <source>Reject %1 “%2”</source>
        <translation>%1 “%2” 제안 거절</translation>
    </message>
</context>
<context>
    <name>EmptyProject</name>
    <message>
        <source>This project has no documents yet</source>
        <translation>이 프로젝트에는 아직 문서가 없습니다</translation>
    </message>
    <message>
        <source>Import articles to start: plain text files (UTF-8 or CP949), JSONL, CSV, or another tool&apos;s export. Each file is analysed once (Kiwi) so selections snap to morphemes.</source>
        <translation>기사를 가져와서 시작하세요: 텍스트 파일(UTF-8 또는 CP949), JSONL, CSV, 다른 도구에서 내보낸 파일을 가져올 수 있습니다. 파일마다 한 번 형태소 분석(Kiwi)을 하므로 선택 범위가 형태소에 맞춰집니다.</translation>
    </message>
    <message>
        <source>Import files… (Ctrl+I)</source>
        <translation>파일 가져오기… (Ctrl+I)</translation>
    </message>
    <message>
        <source>Import a folder… (Ctrl+Shift+I)</source>
        <translation>폴더 가져오기… (Ctrl+Shift+I)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>The split must add up to 100 % (now %1 %)</source>
        <translation>비율의 합이 100 %여야 합니다 (지금 %1 %)</translation>
    </message>
    <message>
        <source>Train and test need at least 1 % each (dev may be 0)</source>
        <translation>train과 test는 각각 1 % 이상이어야 합니다 (dev는 0이어도 됩니다)</translation>
    </message>
    <message>
        <source>Choose where to write the export</source>
        <translation>내보낼 위치를 고르세요</translation>
    </message>
    <message>
        <source>Label map</source>
        <translation>레이블 매핑</translation>
    </message>
    <message>
        <source>Label maps (*.toml)</source>
        <translation>레이블 매핑 (*.toml)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
    <message>
        <source>Folder to export into</source>
        <translation>내보낼 폴더</translation>
    </message>
    <message>
        <source>Export to file</source>
        <translation>파일로 내보내기</translation>
    </message>
    <message>
        <source>Exporting documents…</source>
        <translation>문서를 내보내는 중…</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>내보내기를 취소했습니다. 아무것도 쓰지 않았습니다.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n document(s) to %1 in %2 s</source>
        <translation>
            <numerusform>문서 %n건을 %1(으)로 내보냈습니다 (%2초)</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was written to %1.</source>
        <translation>%1에 아무것도 쓰지 않았습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n span(s): %1</source>
        <translation>
            <numerusform>스팬 %n개: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Parts (seed %1): %2</source>
        <translation>분할 (시드 %1): %2</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) with no spans in this layer and not marked finished were skipped</source>
        <translation>
            <numerusform>이 레이어에 스팬이 없고 마침 표시도 없는 문서 %n건은 건너뛰었습니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sentence boundary(ies) removed because a span crossed them</source>
        <translation>
            <numerusform>스팬이 걸쳐 있어 문장 경계 %n곳을 없앴습니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s) could not be written in this format and were left out</source>
        <translation>
            <numerusform>스팬 %n개는 이 형식으로 쓸 수 없어 뺐습니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s) cross a line break and were written as brat fragments</source>
        <translation>
            <numerusform>스팬 %n개는 줄바꿈에 걸쳐 있어 brat 조각으로 썼습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>No document has gold spans yet: adjudicate first, or export an annotator&apos;s layer.</source>
        <translation>골드 스팬이 있는 문서가 아직 없습니다. 먼저 판정하거나 작업자 레이어를 내보내세요.</translation>
    </message>
    <message>
        <source>No document has spans in this layer.</source>
        <translation>이 레이어에 스팬이 있는 문서가 없습니다.</translation>
    </message>
    <message>
        <source>Export training data</source>
        <translation>학습 데이터 내보내기</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>레이어</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>분할</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>저장 위치</translation>
    </message>
    <message>
        <source>Tag scheme</source>
        <translation>태그 체계</translation>
    </message>
    <message>
        <source>BIO: B- and I-; IOBES adds E- (last) and S- (single); BILOU: L- and U-</source>
        <translation>BIO: B-와 I-; IOBES는 E-(끝)와 S-(한 단위)를 더함; BILOU는 L-와 U-</translation>
    </message>
    <message>
        <source>none (nikl: the built-in map)</source>
        <translation>없음 (nikl: 내장 매핑)</translation>
    </message>
    <message>
        <source>A TOML file whose [export] table renames labels (see README)</source>
        <translation>[export] 표로 레이블 이름을 바꾸는 TOML 파일 (README 참고)</translation>
    </message>
    <message>
        <source>Split into</source>
        <translation>나누기</translation>
    </message>
    <message>
        <source>train</source>
        <translation>학습 train</translation>
    </message>
    <message>
        <source>dev</source>
        <translation>검증 dev</translation>
    </message>
    <message>
        <source>test</source>
        <translation>평가 test</translation>
    </message>
    <message>
        <source>The same seed gives the same split in every format; adding documents never moves the old ones</source>
        <translation>시드가 같으면 어느 형식이든 같은 분할이 나옵니다. 문서를 더해도 기존 문서는 옮겨지지 않습니다</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>고르기…</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) not marked adjudicated were included</source>
        <translation>
            <numerusform>판정 완료로 표시하지 않은 문서 %n건도 넣었습니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) not marked done were included</source>
        <translation>
            <numerusform>완료로 표시하지 않은 문서 %n건도 넣었습니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) with gold spans not marked adjudicated were left out (untick the option to include them)</source>
        <translation>
            <numerusform>골드 스팬이 있지만 판정 완료로 표시하지 않은 문서 %n건은 뺐습니다 (선택을 해제하면 넣습니다)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) with spans not marked done were left out (untick the option to include them)</source>
        <translation>
            <numerusform>스팬이 있지만 완료로 표시하지 않은 문서 %n건은 뺐습니다 (선택을 해제하면 넣습니다)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s) were written with other edges than stored</source>
        <translation>
            <numerusform>스팬 %n개는 저장된 것과 다른 경계로 썼습니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n morpheme token(s) cut at span edges, so that every span keeps its edges</source>
        <translation>
            <numerusform>스팬 경계가 지나는 형태소 토큰 %n개를 잘라 모든 스팬의 경계를 지켰습니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s) about this output: see the list</source>
        <translation>
            <numerusform>이 출력에 대한 안내 %n개: 목록을 보세요</numerusform>
        </translation>
    </message>
    <message>
        <source>No document is marked adjudicated yet: mark them in review mode, or untick the option to export gold as it stands.</source>
        <translation>판정 완료로 표시한 문서가 아직 없습니다. 검토 모드에서 판정을 마치거나, 선택을 해제해 지금의 골드를 그대로 내보내세요.</translation>
    </message>
    <message>
        <source>No document is marked done in this layer: untick the option to export its spans as they stand.</source>
        <translation>이 레이어에는 완료로 표시한 문서가 없습니다. 선택을 해제하면 지금의 스팬을 그대로 내보냅니다.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>JSON lines with code-point offsets (the master format)</source>
        <translation>코드 포인트 오프셋을 담은 JSON Lines (기본 형식)</translation>
    </message>
    <message>
        <source>KLUE-NER character BIO (TSV), a sentence a block</source>
        <translation>KLUE-NER 음절 단위 BIO (TSV), 문장마다 한 블록</translation>
    </message>
    <message>
        <source>CoNLL token and tag over Kiwi morphemes</source>
        <translation>Kiwi 형태소 토큰과 태그의 CoNLL</translation>
    </message>
    <message>
        <source>CoNLL-2003 four columns (token, POS, chunk, tag) over Kiwi morphemes</source>
        <translation>Kiwi 형태소 토큰의 CoNLL-2003 네 열 (토큰, 품사, 청크, 태그)</translation>
    </message>
    <message>
        <source>spaCy DocBin files (.spacy) of morpheme tokens and a training config</source>
        <translation>형태소 토큰의 spaCy DocBin 파일 (.spacy)과 학습 설정</translation>
    </message>
    <message>
        <source>Hugging Face dataset folder (tokens and ner_tags) with Parquet and JSON files</source>
        <translation>Hugging Face 데이터셋 폴더 (tokens, ner_tags)와 Parquet·JSON 파일</translation>
    </message>
    <message>
        <source>doccano JSONL (UTF-16 offsets)</source>
        <translation>doccano JSONL (UTF-16 오프셋)</translation>
    </message>
    <message>
        <source>Prodigy JSONL with tokens and spans</source>
        <translation>토큰과 스팬을 담은 Prodigy JSONL</translation>
    </message>
    <message>
        <source>brat standoff: a .txt and .ann pair per document</source>
        <translation>brat standoff: 문서마다 .txt와 .ann 한 쌍</translation>
    </message>
    <message>
        <source>Label Studio JSON tasks with annotations</source>
        <translation>Label Studio JSON 작업 (annotations)</translation>
    </message>
    <message>
        <source>Label Studio JSON tasks with predictions (to review there)</source>
        <translation>Label Studio JSON 작업 (predictions, 그곳에서 검토)</translation>
    </message>
    <message>
        <source>NIKL (모두의 말뭉치) NE JSON</source>
        <translation>국립국어원 모두의 말뭉치 개체명 JSON</translation>
    </message>
    <message>
        <source>Naver NER eojeol BIO (spans widened to eojeols)</source>
        <translation>네이버 NER 어절 BIO (스팬을 어절 단위로 넓힘)</translation>
    </message>
    <message>
        <source>CoNLL-U over Kiwi morphemes, NE= tags in MISC</source>
        <translation>Kiwi 형태소 단위 CoNLL-U, MISC에 NE= 태그</translation>
    </message>
    <message>
        <source>INCEpTION/WebAnno UIMA CAS XMI, a file per document</source>
        <translation>INCEpTION/WebAnno UIMA CAS XMI, 문서마다 파일 하나</translation>
    </message>
    <message>
        <source>(not installed)</source>
        <translation>(설치 안 됨)</translation>
    </message>
    <message>
        <source>Needs %1. Install it with: pip install &apos;%2&apos;</source>
        <translation>필요한 라이브러리: %1. 설치: pip install &apos;%2&apos;</translation>
    </message>
    <message>
        <source>gold (the adjudicated layer)</source>
        <translation>gold (판정을 마친 레이어)</translation>
    </message>
    <message>
        <source>Only documents marked adjudicated</source>
        <translation>판정 완료로 표시한 문서만</translation>
    </message>
    <message>
        <source>Only documents this annotator marked done</source>
        <translation>이 작업자가 완료로 표시한 문서만</translation>
    </message>
    <message>
        <source>Writes a folder (train, dev and test inside)</source>
        <translation>폴더를 만듭니다 (안에 train, dev, test)</translation>
    </message>
    <message>
        <source>Writes a folder</source>
        <translation>폴더를 만듭니다</translation>
    </message>
    <message>
        <source>Writes one file</source>
        <translation>파일 하나를 씁니다</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>Look in:</source>
        <translation>다음에서 찾기:</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>파일 형식:</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>No matches</source>
        <translation>찾은 곳 없음</translation>
    </message>
    <message>
        <source>Find in this document…</source>
        <translation>이 문서에서 찾기…</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>다음 찾기</translation>
    </message>
    <message>
        <source>Find previous</source>
        <translation>이전 찾기</translation>
    </message>
    <message>
        <source>Find in this document (Enter: next, Shift+Enter: previous)</source>
        <translation>이 문서에서 찾기 (Enter: 다음, Shift+Enter: 이전)</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>이전 항목 (Shift+F3)</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>다음 항목 (F3)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>닫기 (Esc)</translation>
    </message>
</context>
<context>
    <name>Fonts</name>
    <message>
        <source>No installed font covers Korean (Hangul), so Korean text shows as boxes. Install one and restart, e.g. on Debian or Ubuntu: sudo apt-get install fonts-nanum (or fonts-noto-cjk).</source>
        <translation>한글을 표시할 수 있는 글꼴이 설치되어 있지 않아 한국어가 네모(□)로 보입니다. 글꼴을 설치한 뒤 다시 실행하세요. 예: Debian/Ubuntu에서 sudo apt-get install fonts-nanum (또는 fonts-noto-cjk)</translation>
    </message>
</context>
<context>
    <name>GoldComparison</name>
    <message>
        <source>gold only</source>
        <translation>골드에만</translation>
    </message>
    <message>
        <source>rejected by gold</source>
        <translation>골드에서 기각</translation>
    </message>
    <message>
        <source>other boundaries or label</source>
        <translation>경계·레이블 다름</translation>
    </message>
    <message>
        <source>same as gold</source>
        <translation>골드와 같음</translation>
    </message>
    <message>
        <source>yours: %1 “%2”</source>
        <translation>내 스팬: %1 “%2”</translation>
    </message>
</context>
<context>
    <name>GoldComparisonView</name>
    <message>
        <source>Gold: not adjudicated yet</source>
        <translation>골드: 아직 판정 전</translation>
    </message>
    <message>
        <source>Gold: %1</source>
        <translation>골드: %1</translation>
    </message>
    <message>
        <source>Compare with gold</source>
        <translation>골드와 비교</translation>
    </message>
    <message>
        <source>In an adjudicated document, show how gold differs from your spans</source>
        <translation>판정이 끝난 문서에서 골드가 내 스팬과 어떻게 다른지 보여 줍니다</translation>
    </message>
</context>
<context>
    <name>GoldTrend</name>
    <message>
        <source>Annotator</source>
        <translation>작업자</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>주</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>문서</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>스팬</translation>
    </message>
    <message>
        <source>Gold spans</source>
        <translation>골드 스팬</translation>
    </message>
    <message>
        <source>Exact</source>
        <translation>정확히 일치</translation>
    </message>
    <message>
        <source>F1 strict</source>
        <translation>F1 엄격</translation>
    </message>
    <message>
        <source>F1 strict against gold, per week</source>
        <translation>주별 골드 대비 F1 엄격</translation>
    </message>
    <message numerus="yes">
        <source>Documents an annotator marked done and the reviewer adjudicated, by the week the annotator marked them done (%n compared). `annotator agreement --annotators gold,…` prints the same.</source>
        <translation>
            <numerusform>작업자가 완료하고 검수자가 판정한 문서를 작업자가 완료한 주별로 모았습니다 (비교한 문서 %n건). `annotator agreement --annotators gold,…` 명령도 같은 표를 출력합니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import files</source>
        <translation>파일 가져오기</translation>
    </message>
    <message>
        <source>Articles and annotations (%1)</source>
        <translation>기사와 주석 (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
    <message>
        <source>Import a folder</source>
        <translation>폴더 가져오기</translation>
    </message>
    <message>
        <source>Label map</source>
        <translation>레이블 매핑</translation>
    </message>
    <message>
        <source>Label maps (*.toml)</source>
        <translation>레이블 매핑 (*.toml)</translation>
    </message>
    <message>
        <source>Add files or a folder to import</source>
        <translation>가져올 파일이나 폴더를 추가하세요</translation>
    </message>
    <message>
        <source>Loading the Korean analyser (Kiwi)…</source>
        <translation>한국어 형태소 분석기(Kiwi)를 불러오는 중…</translation>
    </message>
    <message>
        <source>Reading and analysing files…</source>
        <translation>파일을 읽고 분석하는 중…</translation>
    </message>
    <message numerus="yes">
        <source>Added %n new document(s)</source>
        <translation>
            <numerusform>새 문서 %n건을 추가했습니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) were already in the project</source>
        <translation>
            <numerusform>문서 %n건은 이미 프로젝트에 있었습니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s) added</source>
        <translation>
            <numerusform>스팬 %n개를 추가했습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Layers: %1</source>
        <translation>레이어: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n status(es) set as the files gave them</source>
        <translation>
            <numerusform>파일에 적힌 대로 문서 상태 %n개를 설정했습니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s) left out: they overlap spans their layer already holds</source>
        <translation>
            <numerusform>겹치는 구간 %n개는 넣지 않았습니다: 그 레이어에 이미 있는 구간과 겹칩니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) read</source>
        <translation>
            <numerusform>파일 %n개를 읽었습니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) held items that were left out: see the list</source>
        <translation>
            <numerusform>파일 %n개에서 빠진 항목이 있습니다: 목록을 보세요</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) rejected; nothing of them was stored (see the list)</source>
        <translation>
            <numerusform>파일 %n개는 거부되어 아무것도 저장하지 않았습니다 (목록 참고)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) were not UTF-8 and were converted</source>
        <translation>
            <numerusform>파일 %n개는 UTF-8이 아니어서 변환했습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: decoded as %2</source>
        <translation>%1: %2(으)로 읽음</translation>
    </message>
    <message numerus="yes">
        <source>%n symbolic link(s) skipped: they lead out of the folder (see the list)</source>
        <translation>
            <numerusform>심볼릭 링크 %n개는 폴더 밖을 가리켜 건너뛰었습니다 (목록 참고)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: a link out of the folder, not followed</source>
        <translation>%1: 폴더 밖을 가리키는 링크라 따라가지 않음</translation>
    </message>
    <message>
        <source>Stopped: the files read so far are stored, the rest were not read.</source>
        <translation>중단했습니다. 그때까지 읽은 파일은 저장했고 나머지는 읽지 않았습니다.</translation>
    </message>
    <message>
        <source>No importable files found (.txt, .jsonl, .csv, .json)</source>
        <translation>가져올 수 있는 파일이 없습니다 (.txt, .jsonl, .csv, .json)</translation>
    </message>
    <message>
        <source>Import documents</source>
        <translation>문서 가져오기</translation>
    </message>
    <message>
        <source>Files and folders</source>
        <translation>파일과 폴더</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Layer for spans</source>
        <translation>스팬 레이어</translation>
    </message>
    <message>
        <source>CSV text column</source>
        <translation>CSV 본문 열</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>파일 추가…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>폴더 추가…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>빼기</translation>
    </message>
    <message>
        <source>Clean scraped news pages (cut bylines, share buttons, comments)</source>
        <translation>수집한 뉴스 페이지 정리 (기자·날짜 줄, 공유 버튼, 댓글 제거)</translation>
    </message>
    <message>
        <source>as the file names it, else “imported”</source>
        <translation>파일에 적힌 이름, 없으면 “imported”</translation>
    </message>
    <message>
        <source>The annotator layer that spans in the files go to</source>
        <translation>파일에 든 스팬을 넣을 작업자 레이어</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>고르기…</translation>
    </message>
    <message>
        <source>none (nikl: the built-in map)</source>
        <translation>없음 (nikl: 내장 매핑)</translation>
    </message>
    <message>
        <source>A TOML file mapping the files&apos; labels onto the project&apos;s (see README)</source>
        <translation>파일의 레이블을 프로젝트 레이블로 옮기는 TOML 파일 (README 참고)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <source>INCEpTION/WebAnno UIMA CAS XMI</source>
        <translation>INCEpTION/WebAnno UIMA CAS XMI</translation>
    </message>
    <message>
        <source>WebAnno TSV 3 (INCEpTION, WebAnno)</source>
        <translation>WebAnno TSV 3 (INCEpTION, WebAnno)</translation>
    </message>
    <message>
        <source>INCEpTION&apos;s .zip of a document or a whole project (XMI or TSV)</source>
        <translation>INCEpTION에서 내려받은 문서·프로젝트 전체 .zip (XMI 또는 TSV)</translation>
    </message>
    <message>
        <source>KLUE-NER TSV, a document per sentence</source>
        <translation>KLUE-NER TSV, 문장마다 문서 하나</translation>
    </message>
    <message>
        <source>NIKL (모두의 말뭉치) NE JSON</source>
        <translation>국립국어원 모두의 말뭉치 개체명 JSON</translation>
    </message>
    <message>
        <source>Naver NER eojeol BIO; particles are cut off</source>
        <translation>네이버 NER 어절 BIO; 조사는 떼어 냄</translation>
    </message>
    <message>
        <source>CoNLL-U with NE= tags in MISC</source>
        <translation>MISC에 NE= 태그가 있는 CoNLL-U</translation>
    </message>
    <message>
        <source>one article a file (UTF-8 or CP949)</source>
        <translation>파일마다 기사 하나 (UTF-8 또는 CP949)</translation>
    </message>
    <message>
        <source>by file extension: .txt, .jsonl, .csv, .json (Label Studio), .conllu, .xmi, .tsv (WebAnno), .zip (INCEpTION)</source>
        <translation>파일 확장자로 판단: .txt, .jsonl, .csv, .json (Label Studio), .conllu, .xmi, .tsv (WebAnno), .zip (INCEpTION)</translation>
    </message>
    <message>
        <source>one document a line: text, title, meta, spans</source>
        <translation>한 줄에 문서 하나: text, title, meta, spans</translation>
    </message>
    <message>
        <source>a text column; the other columns become metadata</source>
        <translation>본문 열 하나, 나머지 열은 메타데이터</translation>
    </message>
    <message>
        <source>doccano JSONL export (UTF-16 offsets)</source>
        <translation>doccano JSONL 내보내기 (UTF-16 오프셋)</translation>
    </message>
    <message>
        <source>Prodigy JSONL with spans</source>
        <translation>스팬이 든 Prodigy JSONL</translation>
    </message>
    <message>
        <source>Label Studio JSON export</source>
        <translation>Label Studio JSON 내보내기</translation>
    </message>
</context>
<context>
    <name>JobDialog</name>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>자세히</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… 외 %1건</translation>
    </message>
</context>
<context>
    <name>LabelPalette</name>
    <message>
        <source>Labels</source>
        <translation>레이블</translation>
    </message>
</context>
<context>
    <name>LabelSteps</name>
    <message>
        <source>Select a span, a suggestion or a review candidate first: the next one with its label is chosen</source>
        <translation>먼저 스팬, 제안 또는 검토 후보를 선택하세요: 같은 레이블의 다음 항목으로 이동합니다</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>No more documents in the list</source>
        <translation>목록에 더 이상 문서가 없습니다</translation>
    </message>
    <message>
        <source>The project database was replaced by another program (a restore): the documents were reloaded and the undo history starts afresh</source>
        <translation>다른 프로그램이 프로젝트 데이터베이스를 바꿨습니다(백업 복원): 문서를 다시 읽었고 실행 취소 기록은 새로 시작합니다</translation>
    </message>
    <message>
        <source>Select some text first (drag, or Shift+arrows), then press a label key</source>
        <translation>먼저 텍스트를 선택(드래그 또는 Shift+방향키)한 뒤 레이블 키를 누르세요</translation>
    </message>
    <message>
        <source>%1/%2 done</source>
        <translation>%1/%2 완료</translation>
    </message>
    <message>
        <source>%1 — %2 — annotator</source>
        <translation>%1 — %2 — annotator</translation>
    </message>
    <message>
        <source>Annotator: %1</source>
        <translation>작업자: %1</translation>
    </message>
    <message>
        <source>Deleted %1 “%2” (Ctrl+Z brings it back)</source>
        <translation>%1 “%2” 삭제함 (Ctrl+Z로 되돌림)</translation>
    </message>
    <message>
        <source>%1 — review — annotator</source>
        <translation>%1 — 검토 — annotator</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Overlaps %1 “%2”: this project does not allow overlapping spans</source>
        <translation>%1 “%2”와(과) 겹칩니다: 이 프로젝트는 겹치는 스팬을 허용하지 않습니다</translation>
    </message>
</context>
<context>
    <name>ModelPanel</name>
    <message>
        <source>Reading the finished documents…</source>
        <translation>마친 문서를 읽는 중…</translation>
    </message>
    <message>
        <source>Scoring held out…</source>
        <translation>떼어 둔 문서로 평가하는 중…</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>학습하는 중…</translation>
    </message>
    <message>
        <source>suggests</source>
        <translation>제안함</translation>
    </message>
    <message>
        <source>off (not among its recognisers)</source>
        <translation>꺼짐 (인식기 목록에 없음)</translation>
    </message>
    <message>
        <source>below threshold</source>
        <translation>기준 미달</translation>
    </message>
    <message>
        <source>no spans to learn from</source>
        <translation>학습할 스팬 없음</translation>
    </message>
    <message>
        <source>No model yet. It trains by itself once %1 documents are finished (adjudicated, or marked done), or press Train now.</source>
        <translation>아직 모델이 없습니다. 문서 %1개를 마치면(판정 완료 또는 완료 표시) 저절로 학습하며, 지금 학습을 눌러도 됩니다.</translation>
    </message>
    <message>
        <source>Trained %1 on %2 finished documents (%3 sentences) in %4 s; F1 held out over %5 folds. Suggests for: %6</source>
        <translation>%1에 마친 문서 %2개(문장 %3개)로 %4초 동안 학습; F1은 %5겹 교차 검증. 제안하는 레이블: %6</translation>
    </message>
    <message>
        <source>no label yet</source>
        <translation>아직 없음</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>F1 held out</source>
        <translation>검증 F1</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>정밀도</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>재현율</translation>
    </message>
    <message>
        <source>Training spans</source>
        <translation>학습 스팬</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>기준</translation>
    </message>
    <message>
        <source>Model suggestions</source>
        <translation>모델 제안</translation>
    </message>
    <message>
        <source>Model F1 per label against its threshold</source>
        <translation>레이블별 모델 F1과 기준</translation>
    </message>
    <message>
        <source>Train now</source>
        <translation>지금 학습</translation>
    </message>
    <message>
        <source>Train the model on the finished documents, in the background</source>
        <translation>마친 문서로 모델을 백그라운드에서 학습합니다</translation>
    </message>
</context>
<context>
    <name>NextDocument</name>
    <message>
        <source>Every document is finished</source>
        <translation>모든 문서를 마쳤습니다</translation>
    </message>
    <message>
        <source>Next document — %1</source>
        <translation>다음 문서 — %1</translation>
    </message>
    <message>
        <source>uncertain: %1</source>
        <translation>불확실: %1</translation>
    </message>
    <message>
        <source>rare label %1: %2 expected</source>
        <translation>드문 레이블 %1: %2개 예상</translation>
    </message>
    <message>
        <source>returned to you</source>
        <translation>반려된 문서</translation>
    </message>
    <message>
        <source>calibration document</source>
        <translation>보정용 문서</translation>
    </message>
    <message>
        <source>chosen at random</source>
        <translation>무작위 선택</translation>
    </message>
    <message>
        <source>next in order</source>
        <translation>다음 순서</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>Note (empty to remove it):</source>
        <translation>메모 (비우면 지웁니다):</translation>
    </message>
    <message>
        <source>Note on “%1”</source>
        <translation>“%1”에 대한 메모</translation>
    </message>
    <message>
        <source>Note on the document</source>
        <translation>문서 메모</translation>
    </message>
    <message>
        <source>Edit note… (span, candidate or document)</source>
        <translation>메모 편집… (스팬, 후보 또는 문서)</translation>
    </message>
</context>
<context>
    <name>OperationCommand</name>
    <message>
        <source>Redone: %1</source>
        <translation>다시 실행: %1</translation>
    </message>
    <message>
        <source>Undone: %1 (Ctrl+Shift+Z redoes it)</source>
        <translation>실행 취소: %1 (Ctrl+Shift+Z로 다시 실행)</translation>
    </message>
</context>
<context>
    <name>ProgressTab</name>
    <message>
        <source>%1 of %2 documents assigned, %3 of them calibration documents (assigned to everyone).</source>
        <translation>문서 %2개 중 %1개 배정, 그중 %3개는 보정용 문서(모두에게 배정).</translation>
    </message>
    <message>
        <source>No assignments yet (annotator assign): done counts every document.</source>
        <translation>아직 배정이 없습니다(annotator assign). 완료는 모든 문서 기준입니다.</translation>
    </message>
    <message>
        <source>Active time counts while a document is open in a focused window with input in the last two minutes. Review: %1 h.</source>
        <translation>작업 시간은 문서가 열린 창이 활성 상태이고 최근 2분 안에 입력이 있을 때만 셉니다. 검수: %1시간.</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>작업자</translation>
    </message>
    <message>
        <source>Done/assigned</source>
        <translation>완료/배정</translation>
    </message>
    <message>
        <source>Active hours</source>
        <translation>작업 시간(h)</translation>
    </message>
    <message>
        <source>Min/document</source>
        <translation>분/문서</translation>
    </message>
    <message>
        <source>Min/1,000 chars</source>
        <translation>분/1,000자</translation>
    </message>
    <message>
        <source>Spans/hour</source>
        <translation>스팬/시간</translation>
    </message>
    <message>
        <source>F1 with gold</source>
        <translation>정답 대비 F1</translation>
    </message>
    <message>
        <source>Gold documents</source>
        <translation>정답 비교 문서</translation>
    </message>
    <message>
        <source>Active hours per day</source>
        <translation>날짜별 작업 시간(h)</translation>
    </message>
</context>
<context>
    <name>ProjectMenu</name>
    <message>
        <source>New project: choose a folder name</source>
        <translation>새 프로젝트: 폴더 이름 정하기</translation>
    </message>
    <message>
        <source>new-project</source>
        <translation>새-프로젝트</translation>
    </message>
    <message>
        <source>Open project: the folder with project.toml</source>
        <translation>프로젝트 열기: project.toml이 있는 폴더</translation>
    </message>
    <message>
        <source>%1 is not a project folder (it has no project.toml)</source>
        <translation>%1은(는) 프로젝트 폴더가 아닙니다 (project.toml이 없음)</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>프로젝트를 열 수 없습니다</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>최근 프로젝트 없음</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>목록 지우기</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>새 프로젝트…</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>프로젝트 열기…</translation>
    </message>
    <message>
        <source>Open recent</source>
        <translation>최근 프로젝트</translation>
    </message>
</context>
<context>
    <name>RemoteStatus</name>
    <message>
        <source>Remote suggestions unavailable: %1</source>
        <translation>원격 제안을 받을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Remote: asking…</source>
        <translation>원격: 묻는 중…</translation>
    </message>
    <message>
        <source>Remote: unavailable</source>
        <translation>원격: 연결 안 됨</translation>
    </message>
    <message>
        <source>Remote: ready</source>
        <translation>원격: 준비됨</translation>
    </message>
    <message>
        <source>Suggestions from the remote service %1</source>
        <translation>원격 서비스 %1의 제안</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return to annotator</source>
        <translation>작업자에게 반려</translation>
    </message>
    <message>
        <source>What should be fixed? The annotator reads this above the text.</source>
        <translation>무엇을 고쳐야 하나요? 작업자는 이 사유를 본문 위에서 읽습니다.</translation>
    </message>
    <message>
        <source>Annotator:</source>
        <translation>작업자:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>사유:</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>반려</translation>
    </message>
</context>
<context>
    <name>ReviewColumns</name>
    <message>
        <source>Returned to %1, fixed since: %2</source>
        <translation>%1에게 반려, 수정 완료: %2</translation>
    </message>
    <message>
        <source>Returned to %1, waiting: %2</source>
        <translation>%1에게 반려, 수정 대기: %2</translation>
    </message>
    <message>
        <source>Flagged by %1: %2</source>
        <translation>%1의 플래그: %2</translation>
    </message>
    <message>
        <source>Marked done by: %1</source>
        <translation>완료한 작업자: %1</translation>
    </message>
    <message>
        <source>Disagreements between annotators: %1</source>
        <translation>작업자 간 불일치: %1건</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>검토</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>불일치</translation>
    </message>
</context>
<context>
    <name>ReviewMode</name>
    <message>
        <source>This is %1&apos;s package: review happens in the project that made it</source>
        <translation>%1의 패키지입니다: 검토는 패키지를 만든 프로젝트에서 합니다</translation>
    </message>
    <message numerus="yes">
        <source>%n span(s) merged automatically (Ctrl+Z undoes)</source>
        <translation>
            <numerusform>스팬 %n개를 자동으로 병합했습니다 (Ctrl+Z로 되돌리기)</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a candidate first (click a row, or use the arrow keys)</source>
        <translation>먼저 후보를 선택하세요 (행을 클릭하거나 화살표 키로 이동)</translation>
    </message>
    <message>
        <source>Already in gold</source>
        <translation>이미 정답 레이어에 있습니다</translation>
    </message>
    <message>
        <source>Every span of %1 is in gold already</source>
        <translation>%1의 스팬은 모두 이미 정답 레이어에 있습니다</translation>
    </message>
    <message>
        <source>No more documents ready for review</source>
        <translation>검토를 기다리는 문서가 더 없습니다</translation>
    </message>
    <message>
        <source>Review mode · counting…</source>
        <translation>검토 모드 · 집계 중…</translation>
    </message>
    <message>
        <source>Review mode · %1 ready · %2/%3 adjudicated</source>
        <translation>검토 모드 · 검토 대기 %1 · 판정 완료 %2/%3</translation>
    </message>
    <message>
        <source>You are editing the gold layer; annotators&apos; layers stay as they are</source>
        <translation>정답(gold) 레이어를 편집하고 있습니다. 작업자 레이어는 바뀌지 않습니다</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>검토(&amp;R)</translation>
    </message>
    <message>
        <source>Review mode</source>
        <translation>검토 모드</translation>
    </message>
    <message>
        <source>Accept candidate into gold</source>
        <translation>후보를 정답으로 채택</translation>
    </message>
    <message>
        <source>Reject candidate</source>
        <translation>후보 기각</translation>
    </message>
    <message>
        <source>Merge agreed spans</source>
        <translation>일치한 스팬 병합</translation>
    </message>
    <message>
        <source>Mark adjudicated and open the next ready</source>
        <translation>판정 완료로 표시하고 다음 검토 대기 문서 열기</translation>
    </message>
    <message>
        <source>Agreement…</source>
        <translation>작업자 간 일치도…</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message numerus="yes">
        <source>Candidates (%n)</source>
        <translation>
            <numerusform>후보 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · marked done by %2</source>
        <translation>%1 · 완료한 작업자: %2</translation>
    </message>
    <message>
        <source>All of %1</source>
        <translation>%1 전체</translation>
    </message>
    <message>
        <source>Accept every span of %1 in this document into gold</source>
        <translation>이 문서에 있는 %1의 스팬을 모두 정답으로 채택</translation>
    </message>
    <message>
        <source>Accept (A)</source>
        <translation>채택 (A)</translation>
    </message>
    <message>
        <source>Reject (X)</source>
        <translation>기각 (X)</translation>
    </message>
    <message>
        <source>Mark adjudicated, next (Ctrl+Enter)</source>
        <translation>판정 완료, 다음 문서 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Accept all spans of one annotator:</source>
        <translation>한 작업자의 스팬을 모두 채택:</translation>
    </message>
</context>
<context>
    <name>ReviewReturns</name>
    <message>
        <source>Return to %1…</source>
        <translation>%1에게 반려…</translation>
    </message>
    <message>
        <source>Return to %1</source>
        <translation>%1에게 반려</translation>
    </message>
    <message>
        <source>Returned to %1 (Ctrl+Z undoes); the next merge takes it to their copy</source>
        <translation>%1에게 반려했습니다 (Ctrl+Z로 되돌리기). 다음 병합 때 작업자의 사본으로 전달됩니다</translation>
    </message>
    <message>
        <source>Return to annotator</source>
        <translation>작업자에게 반려</translation>
    </message>
</context>
<context>
    <name>ReviewState</name>
    <message>
        <source>agreed</source>
        <translation>전원 일치</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>채택</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>기각</translation>
    </message>
    <message>
        <source>disagreement</source>
        <translation>불일치</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>일부만 표시</translation>
    </message>
    <message>
        <source>every annotator marked it; not in gold yet</source>
        <translation>모든 작업자가 표시했지만 아직 정답에 없음</translation>
    </message>
    <message>
        <source>in the gold layer</source>
        <translation>정답 레이어에 있음</translation>
    </message>
    <message>
        <source>rejected, or a different gold span covers it</source>
        <translation>기각했거나, 겹치는 다른 정답 스팬이 있음</translation>
    </message>
    <message>
        <source>another annotator marked it differently</source>
        <translation>다른 작업자가 다르게 표시함</translation>
    </message>
    <message>
        <source>only some annotators marked it</source>
        <translation>일부 작업자만 표시함</translation>
    </message>
    <message>
        <source>not ready</source>
        <translation>검토 전</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>검토 대기</translation>
    </message>
    <message>
        <source>adjudicated</source>
        <translation>판정 완료</translation>
    </message>
    <message>
        <source>one annotator</source>
        <translation>작업자 한 명</translation>
    </message>
    <message>
        <source>only one annotator worked on this document: there is nobody to compare with</source>
        <translation>이 문서는 작업자 한 명만 작업했습니다. 비교할 상대가 없습니다</translation>
    </message>
</context>
<context>
    <name>SearchError</name>
    <message>
        <source>a quote is not closed</source>
        <translation>따옴표가 닫히지 않았습니다</translation>
    </message>
    <message>
        <source>%1 needs a word after it</source>
        <translation>%1 뒤에 찾을 낱말이 있어야 합니다</translation>
    </message>
    <message>
        <source>nothing to search</source>
        <translation>찾을 낱말이 없습니다</translation>
    </message>
    <message>
        <source>a parenthesis is not closed</source>
        <translation>괄호가 닫히지 않았습니다</translation>
    </message>
    <message>
        <source>%1 cannot stand here</source>
        <translation>%1은(는) 이 자리에 올 수 없습니다</translation>
    </message>
    <message>
        <source>the quotes are empty</source>
        <translation>따옴표 안이 비어 있습니다</translation>
    </message>
    <message>
        <source>say what to find, not only what to leave out</source>
        <translation>뺄 낱말만이 아니라 찾을 낱말도 입력하세요</translation>
    </message>
    <message>
        <source>longer than %1 characters</source>
        <translation>검색어는 %1글자까지입니다</translation>
    </message>
    <message>
        <source>more than %1 words</source>
        <translation>낱말은 %1개까지 쓸 수 있습니다</translation>
    </message>
    <message>
        <source>parentheses nested more than %1 deep</source>
        <translation>괄호는 %1겹까지 겹칠 수 있습니다</translation>
    </message>
    <message>
        <source>Cannot search for “%1”: %2</source>
        <translation>“%1”을(를) 검색할 수 없습니다: %2</translation>
    </message>
</context>
<context>
    <name>ServerWatch</name>
    <message>
        <source>The server cannot be reached: working on the local copy of your documents kept from last time; your edits are sent when it is back</source>
        <translation>서버에 연결할 수 없습니다. 지난번에 남겨 둔 내 문서의 로컬 사본으로 작업합니다. 편집 내용은 서버가 돌아오면 전송됩니다</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1): working on a local copy of the documents opened and the next ones of the list; your edits are sent when it is back</source>
        <translation>서버에 연결할 수 없습니다(%1). 연 문서와 목록의 다음 문서들의 로컬 사본으로 계속 작업합니다. 편집 내용은 서버가 돌아오면 전송됩니다</translation>
    </message>
    <message>
        <source>Back on the server: %1 change(s) made offline sent; %2 conflict with changes made on the server meanwhile and were not applied (kept in %3)</source>
        <translation>서버에 다시 연결됨: 오프라인 변경 %1건을 보냈습니다. %2건은 그동안 서버에서 바뀐 내용과 충돌해 적용하지 않았습니다(%3에 보관)</translation>
    </message>
    <message>
        <source>Back on the server: %1 change(s) made offline sent</source>
        <translation>서버에 다시 연결됨: 오프라인 변경 %1건을 보냈습니다</translation>
    </message>
    <message>
        <source>; %1 pair(s) of your spans now overlap: fix one of them (the first in “%2”)</source>
        <translation>; 내 구간 %1쌍이 이제 겹칩니다. 하나를 고치세요 (첫 번째: “%2”)</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>서버: %1</translation>
    </message>
    <message>
        <source>Offline: %1 unreachable</source>
        <translation>오프라인: %1에 연결할 수 없음</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Other keys</source>
        <translation>그 밖의 키</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>실행 취소</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>다시 실행</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Keys in review mode (Ctrl+R leaves it)</source>
        <translation>검토 모드의 키 (Ctrl+R로 검토 모드를 나감)</translation>
    </message>
    <message>
        <source>Keys while annotating (Ctrl+R: review mode). Drag over the text to select; Alt- or Ctrl-drag selects characters without snapping.</source>
        <translation>주석 작업 중의 키 (Ctrl+R: 검토 모드). 텍스트를 드래그해 선택하고, Alt나 Ctrl을 누른 채 드래그하면 형태소에 맞추지 않고 글자 그대로 선택합니다.</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>키</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>하는 일</translation>
    </message>
</context>
<context>
    <name>SpanList</name>
    <message numerus="yes">
        <source>Spans (%n)</source>
        <translation>
            <numerusform>스팬 (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SpanModel</name>
    <message>
        <source>Label</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>속성</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>new</source>
        <translation>새 문서</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>작업 중</translation>
    </message>
    <message>
        <source>done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>건너뜀</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>플래그</translation>
    </message>
    <message>
        <source>adjudicated</source>
        <translation>판정 완료</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>반려됨</translation>
    </message>
</context>
<context>
    <name>SuggestionController</name>
    <message>
        <source>No suggestions: %1</source>
        <translation>제안을 만들지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Suggestions: %1</source>
        <translation>제안 %1</translation>
    </message>
    <message>
        <source>Suggestions in this document: A accepts, Shift+A accepts all, X rejects, Tab goes to the next</source>
        <translation>이 문서의 제안: A 수락, Shift+A 모두 수락, X 거절, Tab 다음 제안</translation>
    </message>
    <message>
        <source>amount pattern</source>
        <translation>금액 패턴</translation>
    </message>
    <message>
        <source>gazetteer</source>
        <translation>명칭 사전</translation>
    </message>
    <message>
        <source>lexicon</source>
        <translation>용어 사전</translation>
    </message>
    <message>
        <source>agency pattern</source>
        <translation>기관 패턴</translation>
    </message>
    <message>
        <source>programme pattern</source>
        <translation>사업 패턴</translation>
    </message>
    <message>
        <source>labelled before</source>
        <translation>이전에 레이블한 문자열</translation>
    </message>
    <message>
        <source>remote service</source>
        <translation>원격 서비스</translation>
    </message>
    <message>
        <source>Remote service&apos;s confidence: %1</source>
        <translation>원격 서비스 확신도: %1</translation>
    </message>
    <message>
        <source>The remote service agrees (confidence %1)</source>
        <translation>원격 서비스도 같은 제안 (확신도 %1)</translation>
    </message>
    <message>
        <source>Suggestion: %1 (%2)</source>
        <translation>제안: %1 (%2)</translation>
    </message>
    <message>
        <source>A accept · X reject · Tab next</source>
        <translation>A 수락 · X 거절 · Tab 다음</translation>
    </message>
    <message>
        <source>No suggestions in this document</source>
        <translation>이 문서에는 제안이 없습니다</translation>
    </message>
    <message>
        <source>No suggestion here or after the cursor</source>
        <translation>커서 위치나 그 뒤에 제안이 없습니다</translation>
    </message>
    <message>
        <source>Suggestions are still being computed</source>
        <translation>제안을 계산하는 중입니다</translation>
    </message>
    <message>
        <source>Accepted %1 suggestions (Ctrl+Z undoes them together)</source>
        <translation>제안 %1개를 수락했습니다 (Ctrl+Z로 한꺼번에 되돌립니다)</translation>
    </message>
    <message>
        <source>model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Model confidence: %1</source>
        <translation>모델 확신도: %1</translation>
    </message>
    <message>
        <source>The model agrees (confidence %1)</source>
        <translation>모델도 같은 제안 (확신도 %1)</translation>
    </message>
</context>
<context>
    <name>TextMenu</name>
    <message>
        <source>Selected: “%1”</source>
        <translation>선택한 텍스트: “%1”</translation>
    </message>
    <message>
        <source>Label as</source>
        <translation>레이블 지정</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Relabel as</source>
        <translation>레이블 변경</translation>
    </message>
    <message>
        <source>Adjust boundaries</source>
        <translation>경계 조정</translation>
    </message>
    <message>
        <source>Suggestion: %1 · %2</source>
        <translation>제안: %1 · %2</translation>
    </message>
    <message>
        <source>Accept as</source>
        <translation>다른 레이블로 수락</translation>
    </message>
    <message>
        <source>Candidate: %1 · %2</source>
        <translation>후보: %1 · %2</translation>
    </message>
    <message>
        <source>Document: %1</source>
        <translation>문서: %1</translation>
    </message>
    <message>
        <source>No document</source>
        <translation>열린 문서 없음</translation>
    </message>
</context>
<context>
    <name>TrainingJob</name>
    <message>
        <source>A project in memory cannot be trained in the background</source>
        <translation>메모리 속 프로젝트는 백그라운드에서 학습할 수 없습니다</translation>
    </message>
    <message>
        <source>Training the model in the background…</source>
        <translation>백그라운드에서 모델을 학습하는 중…</translation>
    </message>
    <message>
        <source>Model: training…</source>
        <translation>모델: 학습하는 중…</translation>
    </message>
    <message>
        <source>Model trained on %1 documents: suggestions updated</source>
        <translation>문서 %1개로 모델을 학습했습니다: 제안을 새로 고쳤습니다</translation>
    </message>
    <message>
        <source>The model was not trained: %1</source>
        <translation>모델을 학습하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Train the model now</source>
        <translation>지금 모델 학습</translation>
    </message>
    <message>
        <source>Train the model on the finished documents, in the background</source>
        <translation>마친 문서로 모델을 백그라운드에서 학습합니다</translation>
    </message>
</context>
<context>
    <name>UpgradeDialog</name>
    <message>
        <source>Upgrading the project</source>
        <translation>프로젝트 업그레이드 중</translation>
    </message>
    <message>
        <source>%1 was written by an earlier version of annotator: its database is being upgraded. A large project takes a few minutes; the window opens when it is done.</source>
        <translation>%1은(는) 이전 버전의 annotator로 만들어져 데이터베이스를 업그레이드하고 있습니다. 큰 프로젝트는 몇 분 걸리며, 끝나면 창이 열립니다.</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>%2단계 중 %1단계: %3</translation>
    </message>
    <message>
        <source>rebuilding the search index (about 40 s per 100,000 documents)</source>
        <translation>검색 색인을 다시 만드는 중 (문서 10만 건에 약 40초)</translation>
    </message>
    <message>
        <source>updating the tables (%1)</source>
        <translation>테이블을 갱신하는 중 (%1)</translation>
    </message>
</context>
<context>
    <name>WaitDialog</name>
    <message>
        <source>%1 elapsed</source>
        <translation>%1 경과</translation>
    </message>
</context>
<context>
    <name>WorkbenchActions</name>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Labels</source>
        <translation>레이블(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Document</source>
        <translation>문서(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>Switch annotator…</source>
        <translation>작업자 바꾸기…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>끝내기</translation>
    </message>
    <message>
        <source>Delete span</source>
        <translation>스팬 삭제</translation>
    </message>
    <message>
        <source>Mark done and open the next</source>
        <translation>완료 표시 후 다음 문서 열기</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>건너뛰기</translation>
    </message>
    <message>
        <source>Flag with a comment…</source>
        <translation>설명과 함께 플래그…</translation>
    </message>
    <message>
        <source>Previous document</source>
        <translation>이전 문서</translation>
    </message>
    <message>
        <source>Next document</source>
        <translation>다음 문서</translation>
    </message>
    <message>
        <source>Next with the same label</source>
        <translation>같은 레이블의 다음 항목</translation>
    </message>
    <message>
        <source>Previous with the same label</source>
        <translation>같은 레이블의 이전 항목</translation>
    </message>
    <message>
        <source>End one morpheme left</source>
        <translation>끝을 형태소 하나 왼쪽으로</translation>
    </message>
    <message>
        <source>End one morpheme right</source>
        <translation>끝을 형태소 하나 오른쪽으로</translation>
    </message>
    <message>
        <source>Start one morpheme left</source>
        <translation>시작을 형태소 하나 왼쪽으로</translation>
    </message>
    <message>
        <source>Start one morpheme right</source>
        <translation>시작을 형태소 하나 오른쪽으로</translation>
    </message>
    <message>
        <source>End one character left</source>
        <translation>끝을 한 글자 왼쪽으로</translation>
    </message>
    <message>
        <source>End one character right</source>
        <translation>끝을 한 글자 오른쪽으로</translation>
    </message>
    <message>
        <source>Start one character left</source>
        <translation>시작을 한 글자 왼쪽으로</translation>
    </message>
    <message>
        <source>Start one character right</source>
        <translation>시작을 한 글자 오른쪽으로</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>파일 가져오기…</translation>
    </message>
    <message>
        <source>Import folder…</source>
        <translation>폴더 가져오기…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <source>&amp;Suggestions</source>
        <translation>제안(&amp;S)</translation>
    </message>
    <message>
        <source>Accept the suggestion at the cursor</source>
        <translation>커서 위치의 제안 수락</translation>
    </message>
    <message>
        <source>Accept all suggestions in the document</source>
        <translation>문서의 제안 모두 수락</translation>
    </message>
    <message>
        <source>Reject the suggestion</source>
        <translation>제안 거절</translation>
    </message>
    <message>
        <source>Next suggestion (in the text)</source>
        <translation>다음 제안 (본문에서)</translation>
    </message>
    <message>
        <source>Previous suggestion (in the text)</source>
        <translation>이전 제안 (본문에서)</translation>
    </message>
    <message>
        <source>Show suggestions</source>
        <translation>제안 표시</translation>
    </message>
    <message>
        <source>Search all documents</source>
        <translation>모든 문서 검색</translation>
    </message>
</context>
<context>
    <name>Zoom</name>
    <message>
        <source>Text size %1 %</source>
        <translation>글자 크기 %1 %</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>확대/축소</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>글자 크게</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>글자 작게</translation>
    </message>
    <message>
        <source>Normal size</source>
        <translation>원래 크기</translation>
    </message>
</context>
</TS>
