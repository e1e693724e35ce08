<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AgreementDialog</name>
    <message numerus="yes">
        <source>%n document(s) counted: each was compared between the annotators listed. Double-click one to open it.</source>
        <translation>
            <numerusform>%n document counted: it was compared between the annotators listed. Double-click it to open it.</numerusform>
            <numerusform>%n documents counted: each was compared between the annotators listed. Double-click one to open it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AnnotatorReturns</name>
    <message numerus="yes">
        <source>↩ %n returned</source>
        <translation>
            <numerusform>↩ %n returned</numerusform>
            <numerusform>↩ %n returned</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message numerus="yes">
        <source>At least %n document(s), counting…</source>
        <translation>
            <numerusform>At least %n document, counting…</numerusform>
            <numerusform>At least %n documents, counting…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>Exported %n document(s) to %1 in %2 s</source>
        <translation>
            <numerusform>Exported %n document to %1 in %2 s</numerusform>
            <numerusform>Exported %n documents to %1 in %2 s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s): %1</source>
        <translation>
            <numerusform>%n span: %1</numerusform>
            <numerusform>%n spans: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) with no spans in this layer and not marked finished were skipped</source>
        <translation>
            <numerusform>%n document with no spans in this layer and not marked finished was skipped</numerusform>
            <numerusform>%n documents with no spans in this layer and not marked finished were skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) not marked adjudicated were included</source>
        <translation>
            <numerusform>%n document not marked adjudicated was included</numerusform>
            <numerusform>%n documents not marked adjudicated were included</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) not marked done were included</source>
        <translation>
            <numerusform>%n document not marked done was included</numerusform>
            <numerusform>%n documents not marked done were included</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) with gold spans not marked adjudicated were left out (untick the option to include them)</source>
        <translation>
            <numerusform>%n document with gold spans not marked adjudicated was left out (untick the option to include it)</numerusform>
            <numerusform>%n documents with gold spans not marked adjudicated were left out (untick the option to include them)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) with spans not marked done were left out (untick the option to include them)</source>
        <translation>
            <numerusform>%n document with spans not marked done was left out (untick the option to include it)</numerusform>
            <numerusform>%n documents with spans not marked done were left out (untick the option to include them)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sentence boundary(ies) removed because a span crossed them</source>
        <translation>
            <numerusform>%n sentence boundary removed because a span crossed it</numerusform>
            <numerusform>%n sentence boundaries removed because a span crossed them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s) could not be written in this format and were left out</source>
        <translation>
            <numerusform>%n span could not be written in this format and was left out</numerusform>
            <numerusform>%n spans could not be written in this format and were left out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s) were written with other edges than stored</source>
        <translation>
            <numerusform>%n span was written with other edges than stored</numerusform>
            <numerusform>%n spans were written with other edges than stored</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n morpheme token(s) cut at span edges, so that every span keeps its edges</source>
        <translation>
            <numerusform>%n morpheme token cut at span edges, so that every span keeps its edges</numerusform>
            <numerusform>%n morpheme tokens cut at span edges, so that every span keeps its edges</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s) about this output: see the list</source>
        <translation>
            <numerusform>%n note about this output: see the list</numerusform>
            <numerusform>%n notes about this output: see the list</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s) cross a line break and were written as brat fragments</source>
        <translation>
            <numerusform>%n span crosses a line break and was written as brat fragments</numerusform>
            <numerusform>%n spans cross a line break and were written as brat fragments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GoldTrend</name>
    <message numerus="yes">
        <source>Documents an annotator marked done and the reviewer adjudicated, by the week the annotator marked them done (%n compared). `annotator agreement --annotators gold,…` prints the same.</source>
        <translation>
            <numerusform>Documents an annotator marked done and the reviewer adjudicated, by the week the annotator marked them done (%n compared). `annotator agreement --annotators gold,…` prints the same.</numerusform>
            <numerusform>Documents an annotator marked done and the reviewer adjudicated, by the week the annotator marked them done (%n compared). `annotator agreement --annotators gold,…` prints the same.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>Added %n new document(s)</source>
        <translation>
            <numerusform>Added %n new document</numerusform>
            <numerusform>Added %n new documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) were already in the project</source>
        <translation>
            <numerusform>%n document was already in the project</numerusform>
            <numerusform>%n documents were already in the project</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s) added</source>
        <translation>
            <numerusform>%n span added</numerusform>
            <numerusform>%n spans added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n status(es) set as the files gave them</source>
        <translation>
            <numerusform>%n status set as the files gave it</numerusform>
            <numerusform>%n statuses set as the files gave them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s) left out: they overlap spans their layer already holds</source>
        <translation>
            <numerusform>%n span left out: it overlaps spans its layer already holds</numerusform>
            <numerusform>%n spans left out: they overlap spans their layer already holds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) read</source>
        <translation>
            <numerusform>%n file read</numerusform>
            <numerusform>%n files read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) held items that were left out: see the list</source>
        <translation>
            <numerusform>%n file held items that were left out: see the list</numerusform>
            <numerusform>%n files held items that were left out: see the list</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) rejected; nothing of them was stored (see the list)</source>
        <translation>
            <numerusform>%n file rejected; nothing of it was stored (see the list)</numerusform>
            <numerusform>%n files rejected; nothing of them was stored (see the list)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) were not UTF-8 and were converted</source>
        <translation>
            <numerusform>%n file was not UTF-8 and was converted</numerusform>
            <numerusform>%n files were not UTF-8 and were converted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n symbolic link(s) skipped: they lead out of the folder (see the list)</source>
        <translation>
            <numerusform>%n symbolic link skipped: it leads out of the folder (see the list)</numerusform>
            <numerusform>%n symbolic links skipped: they lead out of the folder (see the list)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewMode</name>
    <message numerus="yes">
        <source>%n span(s) merged automatically (Ctrl+Z undoes)</source>
        <translation>
            <numerusform>%n span merged automatically (Ctrl+Z undoes)</numerusform>
            <numerusform>%n spans merged automatically (Ctrl+Z undoes)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message numerus="yes">
        <source>Candidates (%n)</source>
        <translation>
            <numerusform>Candidates (%n)</numerusform>
            <numerusform>Candidates (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SpanList</name>
    <message numerus="yes">
        <source>Spans (%n)</source>
        <translation>
            <numerusform>Spans (%n)</numerusform>
            <numerusform>Spans (%n)</numerusform>
        </translation>
    </message>
</context>
</TS>
