#!/usr/bin/env bash
# Memory and time of `beian check` (release build) on the files of issue 16:
# 100,000 near-empty CSV rows (about 20 findings each, 2 million in all),
# 0.9 MB XLSX files that unpack to 900 MB and 300 MB (one huge cell, as much
# white space, one huge shared string), and a realistic 100,000-row XLSX
# with all 35 columns filled (inline strings: 15 MB, 253 MB unpacked).
# Prints wall time, peak memory (maximum resident set size) and the size of
# the output of each. A benchmark, not a test: the numbers depend on the
# machine.
#
#   bash crates/beian-server/scripts/check-memory.sh
#
# Needs python3 (to write the files) and GNU time (/usr/bin/time).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$ROOT"
cargo build --release --locked -q -p beian-server --bin beian
BIN="$ROOT/target/release/beian"
WORK=$(mktemp -d /tmp/beian-check-memory.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$BIN" template --csv "$WORK/template.csv"
python3 - "$WORK" <<'PY'
import sys, zipfile
work = sys.argv[1]
header = open(f"{work}/template.csv", encoding="utf-8-sig").read().strip().split(",")
cols = len(header)
name = header.index("网站名称")
with open(f"{work}/empty100k.csv", "w") as f:
    f.write(",".join(header) + "\n")
    for i in range(100000):
        f.write("," * name + "x" + "," * (cols - name - 1) + "\n")

rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
def col(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s
def book(path, write_sheet, sst=None):
    z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9)
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    z.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{rel}"><sheets><sheet name="备案信息" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>' + (f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>' if sst else '') + '</Relationships>')
    if sst:
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            sst(f)
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        f.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        f.write(('<row r="1">' + "".join('<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (col(c), h) for c, h in enumerate(header)) + '</row>').encode())
        write_sheet(f)
        f.write(b'</sheetData></worksheet>')
    z.close()
def repeat(f, text, n):
    chunk = text * (1 << 20)
    for _ in range(n):
        f.write(chunk)
for mb in (900, 300):
    book(f"{work}/cell{mb}.xlsx", lambda f: (f.write(b'<row r="2"><c r="A2" t="inlineStr"><is><t>'), repeat(f, b"a", mb), f.write(b'</t></is></c></row>')))
    book(f"{work}/space{mb}.xlsx", lambda f: repeat(f, b" ", mb))
    book(f"{work}/sst{mb}.xlsx", lambda f: f.write(b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'),
         lambda f: (f.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'), repeat(f, b"a", mb), f.write(b'</t></si></sst>')))
def full(f):
    for i in range(100000):
        idn = "1101051950%02d10%03d%s" % (1 + i // 1000 % 12, i % 1000, "X")
        vals = ["个人", "张三丰", "居民身份证", idn, "110000", "110100", "110105", "北京市朝阳区建国路88号某某大厦12层1201室",
                "张三丰", "居民身份证", idn, "13800138000", "010-87654321", "zsf%d@example.com" % i, "法定代表人", "否",
                "京B2-20040180", "京ICP备09051301号", "张三丰的读书笔记网站", "site%d.com;www.site%d.com.cn" % (i, i),
                "https://www.site%d.com/index.html" % i, "博客;新闻", "新闻:44120170001", "否", "张三丰",
                "张三丰", "居民身份证", idn, "13800138000", "010-87654321", "zsf%d@example.com" % i,
                "某某云计算有限公司", "云主机", "110000", "203.100.%d.%d" % (i // 256 % 256, i % 256)][:cols]
        r = i + 2
        f.write(('<row r="%d" spans="1:%d">' % (r, cols) + "".join('<c r="%s%d" s="1" t="inlineStr"><is><t>%s</t></is></c>' % (col(c), r, v) for c, v in enumerate(vals)) + '</row>').encode())
book(f"{work}/full100k.xlsx", full)
PY
printf '%-16s %-10s %10s %10s %12s %5s\n' file size seconds "peak MB" "output B" exit
for args in "empty100k.csv" "--json empty100k.csv" "--json --max-findings-per-kind 0 empty100k.csv" \
  "--json cell900.xlsx" "--json space900.xlsx" "--json sst900.xlsx" \
  "--json cell300.xlsx" "--json space300.xlsx" "--json sst300.xlsx" "--json full100k.xlsx"; do
  file=${args##* }
  set +e
  (cd "$WORK" && /usr/bin/time -f '%e %M' -o "$WORK/time" "$BIN" check --today 2026-11-25 $args >"$WORK/out" 2>/dev/null)
  code=$?
  set -e
  read -r secs kb < <(tail -n 1 "$WORK/time")
  printf '%-16s %-10s %10s %10s %12s %5s   (%s)\n' "$file" "$(du -h "$WORK/$file" | cut -f1)" "$secs" \
    "$((kb / 1024))" "$(wc -c <"$WORK/out")" "$code" "$args"
done
