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
    <name>DocumentList</name>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
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
