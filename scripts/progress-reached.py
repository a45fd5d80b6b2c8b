"""Reads a run's console (stdin) until the named phase's progress line shows a fraction of its input bytes read.

    progress-reached.py PHASE FRACTION < console

Exits 0 at that line, 1 when the console ends first. Used by bench-resume.sh to stop a run at a point of its read pass.
"""
import re
import sys

phase, fraction = sys.argv[1], float(sys.argv[2])
pattern = re.compile(re.escape(phase) + r": [\d,]+ documents, ([\d,.]+) of ([\d,.]+) [kM]B")
for line in sys.stdin:
    m = pattern.search(line)
    if m:
        done, total = (float(g.replace(",", "")) for g in m.groups())
        if total > 0 and done >= fraction * total:
            sys.exit(0)
sys.exit(1)
