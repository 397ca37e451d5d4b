#!/usr/bin/env python3
"""Checks that no cue of the taxonomy's third-round block was taken from a held-out comment its author had read.

Read were: the held-out misclassifications that bench/results/analytics-topics.md listed up to commit f8e6490, and
all of held-out 2 (labelled-comments-heldout2.tsv, written by the same author). A cue that occurs in one of them is
allowed only when a dev comment has it too. Prints the offending cues; exits 1 if there are any.
Usage: bench/analytics-topics-cue-check.py   (from the repository root)
"""
import re, subprocess, sys, unicodedata

RES = 'analytics-service/src/test/resources/topics/'
TAX = 'analytics-service/src/main/resources/topics/taxonomy.txt'


def norm(s):
    return re.sub(r'\s+', ' ', unicodedata.normalize('NFKC', s).lower().strip())


def comments(path):
    return [norm(l.split('\t', 1)[1]) for l in open(path, encoding='utf-8') if l.strip() and not l.startswith('#')]


def occurs(cue, text):
    if cue.isascii():  # word boundaries, with the classifier's inflections
        stem = cue[:-1] if cue.endswith('e') else cue
        pat = r'(?<![a-z])(' + re.escape(cue) + r'(s|es|ed|d|ing)?|' + re.escape(stem) + r'(ing|ed))(?![a-z])'
        return re.search(pat, text) is not None
    return cue in text


old_report = subprocess.run(['git', 'show', 'f8e6490:bench/results/analytics-topics.md'], capture_output=True,
                            text=True, check=True).stdout
read = [norm(l.split(' : ', 1)[1]) for l in old_report.splitlines() if l.startswith('- heldout')]
read += comments(RES + 'labelled-comments-heldout2.tsv')
dev = comments(RES + 'labelled-comments-dev.tsv')
taxonomy = open(TAX, encoding='utf-8').read()
block = taxonomy[taxonomy.index('# Third round'):taxonomy.index('# Fourth round')]  # the fourth could see held-out
bad = []
for line in block.splitlines():
    if line.startswith('#') or ':' not in line:
        continue
    topic, terms = line.split(':', 1)
    for t in re.split('[,，]', terms):
        cue = norm(t).lstrip('~^@').strip()
        if cue and any(occurs(cue, c) for c in read) and not any(occurs(cue, c) for c in dev):
            bad.append(f'{topic.strip()}: {cue}')
print(f'{len(read)} read held-out comments, {len(bad)} third-round cues taken from them')
for b in bad:
    print('  ' + b)
sys.exit(1 if bad else 0)
