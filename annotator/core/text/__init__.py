"""Korean text: stored text (NFC, LF), Kiwi, morpheme boundaries, snapping and keyboard boundaries."""
