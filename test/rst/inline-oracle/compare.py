import json,sys
B=[json.loads(l) for l in open(sys.argv[1])]
P=[l for l in open(sys.argv[2])]
N=[l for l in open(sys.argv[3])]
bad=[i for i in range(len(B)) if json.loads(P[i])!=json.loads(N[i]) and not B[i].startswith('\ufeff')]
print(len(B), 'blocks', len(bad), 'differ')
bad.sort(key=lambda i: len(B[i]))
for i in bad[:int(sys.argv[4]) if len(sys.argv)>4 else 6]:
    print('----', repr(B[i][:300]))
    p=json.loads(P[i]); n=json.loads(N[i])
    print('PY', json.dumps(p, ensure_ascii=False)[:1500]); print('TS', json.dumps(n, ensure_ascii=False)[:1500])
