"""Review: the merged view a reviewer adjudicates, adjudication into gold, agreement, gold beside each annotator."""
