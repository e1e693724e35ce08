<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
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
        <source>&amp;Suggestions</source>
        <translation>제안(&amp;S)</translation>
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
