import random, json, sys
random.seed(int(sys.argv[1]))
toks = ['*','**','`','``','_','__','|',':','[',']','<','>','\\',' ',' ','\n','a','b','x','1','#','-','.','/','@','(',')','"',"'",'http://e.org','mailto:a@b.c','ref','c:func','role',':ref:','`_','>`_','>`__','|_','_`','[#]_','[1]_','[*]_','é','“','”','«','»','\u00a0','\u2014','$','%','?','!',',',';','foo:bar','x@y.org','<http://a.b/c_>','<a_>','\\ ','\\\n','😀','a\u0301','中文','（','）','‘','’','\u2019','ß','·','»','«','„','“','‚','\u3001','\u00bf','\u2e02','\u2e03','_`','`_','|__','__|','[#a]_','[a]_','[12]_','ftp://x','foo://y','http:','a:b:c','https://a.b?c#d','<a@b.c>','x_','y__',':ab:',':sub:',':pep-reference:',':rfc-reference:','PEP 8','RFC 1']
n=int(sys.argv[2])
for i in range(n):
    k=random.randint(1,int(sys.argv[3]) if len(sys.argv)>3 else 14)
    s=''.join(random.choice(toks) for _ in range(k))
    # lines must be rstripped and non-empty as in real paragraphs
    lines=[l.rstrip() for l in s.split('\n')]
    lines=[l for l in lines if l]
    if not lines: continue
    print(json.dumps('\n'.join(lines)))
