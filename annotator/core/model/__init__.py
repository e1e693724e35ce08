"""A model in the loop: a linear-chain CRF over the stored morphemes, trained on the project's
finished work, suggesting spans for the labels whose held-out quality earns it, and choosing
the next document to label.

``features`` (what a token looks like), ``crf`` (BIO tagging, training, tagging with
marginals), ``examples`` (finished work as tagged sentences), ``training`` (k-fold scores and
the final model), ``model_files`` (``model.crfsuite`` + ``model.json``), ``gate`` (live
labels), ``recogniser`` (the model among the suggesters), ``queue`` (the next document),
``child_process`` (training away from a GUI).
"""

from annotator.core.model.gate import LabelState, label_states, live_labels
from annotator.core.model.model_files import LabelScore, ModelFiles, ModelInfo
from annotator.core.model.training import ModelError, retraining_due, train_model

__all__ = ["LabelScore", "LabelState", "ModelError", "ModelFiles", "ModelInfo", "label_states", "live_labels",
           "retraining_due", "train_model"]
