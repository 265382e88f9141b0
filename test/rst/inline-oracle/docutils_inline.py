import sys, json
import os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'scripts'))
import oracle
if os.environ.get("PLAIN") != "1":
    oracle.register_placeholders()
from docutils import utils, nodes, frontend
from docutils.parsers import rst
from docutils.parsers.rst import states
from docutils.parsers.rst.languages import en
from docutils.utils import Reporter
import io

KEEP = {'ids','names','dupnames','refuri','refname','refid','anonymous','backrefs','classes','auto','role','text','title','target','name','format','level'}
def dump(node):
    if isinstance(node, nodes.Text):
        return {'type':'text','value':node.astext()}
    out={'type':node.tagname}
    at={}
    for k,v in node.attributes.items():
        if k not in KEEP and not (k=='type' and node.tagname=='system_message'): continue
        if v in (None,[],'',{}): continue
        at[k]=v
    if node.tagname=='system_message':
        at.pop('backrefs', None) if False else None
        out['attributes']=at
        out['text']=node.children[0].astext()
        return out
    if at: out['attributes']=at
    ch=[dump(c) for c in node.children]
    if ch: out['children']=ch
    return out

settings = oracle.make_settings()
res=[]
for line in sys.stdin:
    text=json.loads(line)
    settings.warning_stream = io.StringIO()
    document = utils.new_document('x', settings)
    inliner = states.Inliner()
    inliner.init_customizations(settings)
    memo = states.Struct(document=document, reporter=document.reporter, language=en, title_styles=[], section_level=0, section_bubble_up_kludge=False, inliner=inliner)
    parent = nodes.paragraph()
    try:
        ns, msgs = inliner.parse(text, 1, memo, parent)
        out={'nodes':[dump(n) for n in ns], 'messages':[dump(m) for m in msgs], 'parent':[dump(m) for m in parent.children]}
    except Exception as e:
        out={'error':repr(e)}
    print(json.dumps(out, sort_keys=True, ensure_ascii=False))
