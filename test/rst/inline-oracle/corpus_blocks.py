import os, sys, json, random
root='/work/shared/corpus/linux-6.12/Documentation'
files=[]
for d,_,fs in os.walk(root):
    for f in fs:
        if f.endswith('.rst'): files.append(os.path.join(d,f))
files.sort()
random.seed(int(sys.argv[2]) if len(sys.argv)>2 else 1)
n=int(sys.argv[1])
if n<len(files): files=random.sample(files,n)
for p in files:
    text=open(p,encoding='utf-8',errors='replace').read().expandtabs(8)
    block=[]
    for line in text.split('\n')+['']:
        if line.strip()=='' :
            if block:
                ind=min(len(l)-len(l.lstrip()) for l in block)
                print(json.dumps('\n'.join(l[ind:].rstrip() for l in block)))
                block=[]
        else: block.append(line)
