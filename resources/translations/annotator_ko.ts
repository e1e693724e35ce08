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
        <source>Agreement needs at least two annotators (found: %1)</source>
        <translation>일치도를 계산하려면 작업자가 두 명 이상 필요합니다 (현재: %1)</translation>
    </message>
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
        <source>Spans per label, by annotator</source>
        <translation>작업자별 레이블 스팬 수</translation>
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
        <source>Flag document</source>
        <translation>문서 표시(플래그)</translation>
    </message>
    <message>
        <source>What is wrong with this document?</source>
        <translation>이 문서에 어떤 문제가 있나요?</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>문서 %n건</numerusform>
        </translation>
    </message>
    <message>
        <source>Search titles and texts (Ctrl+F)</source>
        <translation>제목·본문 검색 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Words must all occur, anywhere in a word (원주시 finds 원주시가).
Quotes and AND / OR / NOT give a full-text query: &quot;국비 120억&quot; OR 예산</source>
        <translation>입력한 낱말이 모두 들어 있는 문서를 찾습니다. 낱말 안의 일부도 찾습니다(원주시 → 원주시가).
따옴표와 AND / OR / NOT으로 전문 검색식을 쓸 수 있습니다: &quot;국비 120억&quot; OR 예산</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>모든 상태</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>모든 레이블</translation>
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
</context>
<context>
    <name>Fonts</name>
    <message>
        <source>No installed font covers Korean (Hangul), so Korean text shows as boxes. Install one and restart, e.g. on Debian or Ubuntu: sudo apt-get install fonts-nanum (or fonts-noto-cjk).</source>
        <translation>한글을 표시할 수 있는 글꼴이 설치되어 있지 않아 한국어가 네모(□)로 보입니다. 글꼴을 설치한 뒤 다시 실행하세요. 예: Debian/Ubuntu에서 sudo apt-get install fonts-nanum (또는 fonts-noto-cjk)</translation>
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
    <name>MainWindow</name>
    <message>
        <source>No more documents in the list</source>
        <translation>목록에 더 이상 문서가 없습니다</translation>
    </message>
    <message>
        <source>Every document is finished</source>
        <translation>모든 문서를 마쳤습니다</translation>
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
</context>
<context>
    <name>ReviewColumns</name>
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
        <source>Search documents</source>
        <translation>문서 검색</translation>
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
</context>
</TS>
