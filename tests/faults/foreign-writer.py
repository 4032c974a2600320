#!/usr/bin/env python3
# foreign-writer.py: another program (a sync tool, a script) that edits a sidecar while
# Gloss saves it: reads it, adds an annotation, and renames its own copy over it, N times,
# without any lock, and with a pause between its read and its write to widen the race.
# usage: foreign-writer.py SIDECAR N STOP-FILE   (creates STOP-FILE when done)
import datetime
import json
import os
import random
import sys
import time
import uuid

path, n, stop = sys.argv[1], int(sys.argv[2]), sys.argv[3]
for k in range(n):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    annotation = dict(doc["annotations"][0])
    annotation["id"] = str(uuid.uuid4())
    annotation["note"] = f"foreign {k}"
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    annotation["created"] = annotation["modified"] = now
    doc["annotations"].append(annotation)
    tmp = path + ".foreign"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    time.sleep(random.random() * 0.01)
    os.replace(tmp, path)
    time.sleep(random.random() * 0.01)
open(stop, "w").close()
