"""A small Label Studio ML backend for the remote recogniser's tests, served by the real
``label-studio-ml`` package (it runs in that package's own environment, not the test's):

    python ml_backend_app.py PORT STATE_DIR

It tags the names it knows (and the names it was trained on) as Label Studio regions, keeping a
particle glued to a name the way a whitespace tokeniser does (원주시가), with a score. A text
holding SLOW answers after 5 s, FAIL makes the backend raise, MALFORMED gives a region outside
the text. ``fit`` (``POST /train``) stores the strings of the spans it was sent, and the tasks.
"""

import json
import os
import re
import sys
import time

from label_studio_ml.api import init_app
from label_studio_ml.model import LabelStudioMLBase

KNOWN = {"원주시": "OG", "과기정통부": "OG", "홍길동": "PS"}
STATE = sys.argv[2] if len(sys.argv) > 2 else "."
NAMES = os.path.join(STATE, "names.json")


def learned():
    if os.path.exists(NAMES):
        with open(NAMES, encoding="utf-8") as f:
            return json.load(f)
    return {}


class NameTagger(LabelStudioMLBase):
    def predict(self, tasks, **kwargs):
        from_name, info = next(iter(self.parsed_label_config.items()))
        to_name, field = info["to_name"][0], info["inputs"][0]["value"]
        names = {**KNOWN, **learned()}
        version = f"names-{len(names)}"
        predictions = []
        for task in tasks:
            text = task["data"][field]
            if "SLOW" in text:
                time.sleep(5)
            if "FAIL" in text:
                raise RuntimeError("the GPU is on fire")
            result = []
            for name, label in names.items():
                for found in re.finditer(re.escape(name) + "(가|는|를|에서)?", text):
                    result.append({"from_name": from_name, "to_name": to_name, "type": "labels", "score": 0.91,
                                   "value": {"start": found.start(), "end": found.end(), "text": found.group(0),
                                             "labels": [label]}})
            if "MALFORMED" in text:
                result.append({"from_name": from_name, "to_name": to_name, "type": "labels",
                               "value": {"start": 0, "end": len(text) + 5, "labels": ["OG"]}})
            predictions.append({"result": result, "score": 0.9, "model_version": version})
        return predictions

    def fit(self, tasks, workdir=None, **kwargs):
        tasks = list(tasks)
        names = learned()
        for task in tasks:
            for annotation in task["annotations"]:
                for region in annotation["result"]:
                    names[region["value"]["text"]] = region["value"]["labels"][0]
        with open(NAMES, "w", encoding="utf-8") as f:
            json.dump(names, f, ensure_ascii=False)
        with open(os.path.join(STATE, "trained.json"), "w", encoding="utf-8") as f:
            json.dump(tasks, f, ensure_ascii=False)
        return {"names": len(names)}


if __name__ == "__main__":
    os.environ.setdefault("LABEL_STUDIO_ML_BACKEND_V2", "1")  # label-studio-ml 1.0.9: the protocol Label Studio ≥ 1.5 uses
    app = init_app(model_class=NameTagger, model_dir=os.path.join(STATE, "models"))
    app.run(host="127.0.0.1", port=int(sys.argv[1]), threaded=True)
