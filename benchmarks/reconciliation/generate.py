#!/usr/bin/env python3
"""Writes a synthetic Saitama City for the reconciliation benchmark: the registry's side as rows for
identity_current (registry.tsv, loaded with COPY, bypassing ingest) and the municipality's extract
(extract.csv.gz). 1% of the pairs differ in the address, 0.5% of the records are only in the registry and
0.5% of the rows only in the extract. Usage: generate.py ROWS OUTDIR"""
import gzip, os, sys

def check_digit(body):
    total = sum((ord(body[len(body) - n]) - 48) * (n + 1 if n <= 6 else n - 5) for n in range(1, len(body) + 1))
    r = total % 11
    return 0 if r <= 1 else 11 - r

rows, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, 'registry.tsv'), 'w') as registry, \
        gzip.open(os.path.join(out, 'extract.csv.gz'), 'wt', compresslevel=1) as extract:
    extract.write('residentCode,kanjiName,kanaName,birthDate,sex,address,oazaCode,individualNumber\n')
    for i in range(rows):
        body = '%010d' % (5_000_000_000 + i)
        code = body + str(check_digit(body))
        birth = '19%02d-%02d-%02d' % (i % 100, i % 12 + 1, i % 28 + 1)
        sex = str(i % 2 + 1)
        address = '埼玉県さいたま市浦和区高砂一丁目%d番%d号' % (i % 30 + 1, i % 20 + 1)
        name, kana = '山田 太郎%d' % (i % 1000), 'ヤマダ タロウ'
        if i % 200 != 1:
            registry.write('\t'.join([code, '1', 'CURRENT', '111007', str(i + 1), 'MOVE_IN', '2020-01-01',
                                      '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', 'op', 't', r'\N', r'\N',
                                      name, kana, '0', '0', r'\N', r'\N', r'\N', r'\N', birth, sex, address, '0010',
                                      '0', '0', r'\N', 'f']) + '\n')
        if i % 200 != 2:
            shown = address.replace('高砂', '岸町') if i % 100 == 3 else address
            extract.write(','.join([code, name, kana, birth, sex, shown, '0010', '']) + '\n')
