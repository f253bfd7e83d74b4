#!/usr/bin/env python3
"""Out-of-domain check of the entity engine on the framing set (NewsWCL50, ../shared/framing).

The gold concepts' name mentions (is_name) are taken as coreference chains: mention recall is
the share of them a predicted mention overlaps; links are scored over pairs of gold name
mentions (same concept = positive; same predicted entity = predicted link).

    python3 docs/eval/wcl_entities.py target/release/parallax ACTOR
    python3 docs/eval/wcl_entities.py target/release/parallax ACTOR,GROUP,COUNTRY
"""
import json,os,subprocess,sys
from itertools import combinations
binary=sys.argv[1]; types=set(sys.argv[2].split(',')) if len(sys.argv)>2 else {'ACTOR'}
root=os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','..','..','shared','framing')
TP=FP=FN=0; found=total=0
for case in sorted(os.listdir(root)):
    gp=os.path.join(root,case,'gold.json')
    if not os.path.exists(gp): continue
    g=json.load(open(gp)); docs=g['documents']
    paths=[os.path.join(root,case,d['path']) for d in docs]
    out=json.loads(subprocess.run([binary,'entities','--format','json']+paths,capture_output=True).stdout)
    pred=[]
    for e in out['entities']:
        for m in e['mentions']: pred.append((m['doc'],m['start'],m['end'],e['id']))
    gold=[]
    for c in g['concepts']:
        if c['type'] not in types: continue
        for m in c['mentions']:
            if m['is_name']: gold.append((m['doc'],m['start'],m['end'],c['id']))
    assigned=[]
    for d,s,e,cid in gold:
        total+=1
        best=None
        for pd,ps,pe,pid in pred:
            if pd==d and ps<e and s<pe:
                ov=min(e,pe)-max(s,ps)
                if best is None or ov>best[0]: best=(ov,pid)
        if best: found+=1
        assigned.append((d,cid,best[1] if best else None))
    for (d1,c1,p1),(d2,c2,p2) in combinations(assigned,2):
        same_gold=c1==c2; same_pred=p1 is not None and p1==p2
        if same_gold and same_pred: TP+=1
        elif same_pred: FP+=1
        elif same_gold: FN+=1
P=TP/max(1,TP+FP); R=TP/max(1,TP+FN)
print(f"types={sorted(types)} name mentions={total} recall={found/max(1,total):.3f} link_p={P:.3f} link_r={R:.3f} link_f1={2*P*R/max(1e-9,P+R):.3f}")
