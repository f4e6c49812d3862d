#!/usr/bin/env python3
"""Writes the seed corpora in tests/fuzz/corpus/<target>/ (run from anywhere; deterministic).

Each seed is a small, meaningful input in the layout its target reads (see the comment at the top
of each fuzz_*.cpp): real handshake replies and RTMPT responses from the protocol notes, AMF
bodies of connect/_result/onStatus, chunk streams as nginx-rtmp sends them, ingest URLs from the
catalogs and unit tests, encoder error texts, and cut-down saved sessions from docs/samples."""
import json, os, random, re, struct

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(HERE, "corpus")
rng = random.Random(1935)
# Start clean, but keep reproducers of past findings (regression-*), which no code here writes.
for folder, _, names in os.walk(CORPUS):
    for name in names:
        if not name.startswith("regression-"):
            os.remove(os.path.join(folder, name))


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


# ---- AMF0 -------------------------------------------------------------------------------------
def num(v): return b"\x00" + struct.pack(">d", v)
def boolean(v): return b"\x01" + (b"\x01" if v else b"\x00")
def s(v):
    b = v.encode(); return b"\x02" + struct.pack(">H", len(b)) + b
def key(v):
    b = v.encode(); return struct.pack(">H", len(b)) + b
def obj(pairs): return b"\x03" + b"".join(key(k) + v for k, v in pairs) + b"\x00\x00\x09"
def ecma(pairs): return b"\x08" + struct.pack(">I", len(pairs)) + b"".join(key(k) + v for k, v in pairs) + b"\x00\x00\x09"
def strict(values): return b"\x0a" + struct.pack(">I", len(values)) + b"".join(values)
NULL = b"\x05"

connect = s("connect") + num(1) + obj([("app", s("live")), ("type", s("nonprivate")),
    ("flashVer", s("FMLE/3.0 (compatible; FMSc/1.0)")), ("tcUrl", s("rtmp://127.0.0.1:1935/live")),
    ("fpad", boolean(False)), ("capabilities", num(15)), ("audioCodecs", num(3191)),
    ("videoCodecs", num(252)), ("videoFunction", num(1)), ("objectEncoding", num(0))])
result = s("_result") + num(1) + obj([("fmsVer", s("FMS/3,0,1,123")), ("capabilities", num(31))]) + \
    obj([("level", s("status")), ("code", s("NetConnection.Connect.Success")),
         ("description", s("Connection succeeded.")), ("objectEncoding", num(0))])
error = s("_error") + num(1) + NULL + obj([("level", s("error")), ("code", s("NetConnection.Connect.Rejected")),
    ("description", s("[ AccessManager.Reject ] : [ authmod=adobe ] : ?reason=needauth&user=alice&salt=abc&challenge=def"))])
onstatus = s("onStatus") + num(0) + NULL + obj([("level", s("status")), ("code", s("NetStream.Publish.Start")),
    ("description", s("Start publishing"))])
badname = s("onStatus") + num(0) + NULL + obj([("level", s("error")), ("code", s("NetStream.Publish.BadName")),
    ("description", s("Already publishing"))])
create = s("_result") + num(4) + NULL + num(1)
onbw = s("onBWDone") + num(0) + NULL + num(8192)
metadata = s("@setDataFrame") + s("onMetaData") + ecma([("width", num(1280)), ("height", num(720)),
    ("videocodecid", num(7)), ("encoder", s("obs-output module (libobs version 29.1.3)"))])
others = (b"\x0b" + struct.pack(">d", 1.7e12) + struct.pack(">h", 60) +       # date
          b"\x0c" + struct.pack(">I", 5) + b"hello" +                           # long string
          b"\x0f" + struct.pack(">I", 7) + b"<a>b</a>" [:7] +                   # xml document
          b"\x10" + key("flex.messaging.io.ArrayCollection") + obj([])[1:] +   # typed object
          b"\x07" + struct.pack(">H", 0) + b"\x06" +                            # reference, undefined
          strict([num(1), s("two"), NULL]))
for name, body in [("connect", connect), ("result-connect", result), ("error-rejected", error),
                   ("onstatus-publish-start", onstatus), ("onstatus-badname", badname),
                   ("result-createstream", create), ("onbwdone", onbw), ("metadata", metadata),
                   ("other-types", others), ("truncated-connect", connect[:40]),
                   ("amf3-switch", s("connect") + b"\x11\x0a"), ("nan-number", num(float("nan")))]:
    write("fuzz_amf0", name + ".amf", body)
nested = b""
for _ in range(40):
    nested = b"\x03" + key("a") + (nested or NULL) + b"\x00\x00\x09"
write("fuzz_amf0", "deep-nesting.amf", nested)

# ---- chunk stream: [mode][piece count][pieces][stream] ------------------------------------------
def basic(fmt, csid):
    if csid < 64: return bytes([fmt << 6 | csid])
    if csid < 320: return bytes([fmt << 6, csid - 64])
    return bytes([fmt << 6 | 1]) + struct.pack("<H", csid - 64)

def chunks(csid, mtype, payload, ts=0, msid=0, size=128):
    ext = ts >= 0xFFFFFF
    head = basic(0, csid) + (b"\xff\xff\xff" if ext else struct.pack(">I", ts)[1:]) + \
        struct.pack(">I", len(payload))[1:] + bytes([mtype]) + struct.pack("<I", msid) + \
        (struct.pack(">I", ts) if ext else b"")
    out = head + payload[:size]
    for i in range(size, len(payload), size):
        out += basic(3, csid) + (struct.pack(">I", ts) if ext else b"") + payload[i:i + size]
    return out

def control(mtype, payload): return chunks(2, mtype, payload)
nginx = (control(5, struct.pack(">I", 5000000)) + control(6, struct.pack(">IB", 5000000, 2)) +
         control(1, struct.pack(">I", 4096)) + chunks(3, 20, result, size=4096))
def cs(name, stream, mode=0x80, pieces=()):
    write("fuzz_chunkstream", name + ".bin", bytes([mode, len(pieces)]) + bytes(pieces) + stream)
cs("nginx-after-connect", nginx)
cs("nginx-after-connect-split", nginx, pieces=(1, 11, 200, 3, 7))
cs("connect-128", chunks(3, 20, connect))
cs("error-rejected", chunks(3, 20, error))
cs("publish-flow", chunks(3, 20, create) + control(4, struct.pack(">HI", 0, 1)) +
   chunks(5, 20, onstatus, msid=1) + chunks(4, 18, metadata, msid=1))
cs("ping-and-ack", control(4, struct.pack(">HI", 6, 12345)) + control(3, struct.pack(">I", 2500000)) +
   control(4, struct.pack(">HII", 3, 1, 3000)))
cs("extended-timestamp", chunks(6, 9, bytes(300), ts=0x1000000, msid=1))
cs("csid-2byte-3byte", chunks(100, 8, b"\xaf\x01" + bytes(50), msid=1) + chunks(1000, 9, bytes(20), msid=1))
fmt123 = chunks(4, 9, bytes(10), ts=40, msid=1) + basic(1, 4) + struct.pack(">I", 40)[1:] + \
    struct.pack(">I", 10)[1:] + b"\x09" + bytes(10) + basic(2, 4) + struct.pack(">I", 40)[1:] + bytes(10) + \
    basic(3, 4) + bytes(10)
cs("fmt-1-2-3", fmt123)
cs("abort-mid-message", chunks(4, 9, bytes(200))[:140] + control(2, struct.pack(">I", 4)) + chunks(4, 9, bytes(5)))
cs("set-chunk-size-huge", control(1, struct.pack(">I", 0x7FFFFFFF)) + chunks(3, 20, result))
cs("small-cap", chunks(3, 20, result), mode=0x02)
cs("announced-16mb", basic(0, 3) + b"\x00\x00\x00" + b"\xff\xff\xff" + b"\x09" + bytes(4) + bytes(64))

# ---- handshake: [mode][u16 piece size][reply] ---------------------------------------------------
def block(version=b"\x00\x00\x00\x00"): return struct.pack(">I", 1234) + version + bytes(rng.getrandbits(8) for _ in range(1528))
def hs(name, reply, mode=0, piece=2048):
    write("fuzz_handshake", name + ".bin", bytes([mode]) + struct.pack(">H", piece) + reply)
hs("nginx-simple-unverified", b"\x03" + block() + block())
hs("nginx-split-1537", b"\x03" + block() + block(), piece=1537)
hs("echo-simple", b"\x03" + block() + struct.pack(">I", 99), mode=0b010)
hs("echo-digest", b"\x03" + block(b"\x04\x05\x00\x01") + struct.pack(">I", 99), mode=0b011)
hs("signed-digest", b"\x03" + block(b"\x04\x05\x00\x01") + struct.pack(">I", 7), mode=0b101)
hs("surplus-after-s2", b"\x03" + block() + block() + control(5, struct.pack(">I", 5000000)))
hs("http-400", b"HTTP/1.1 400 Bad Request\r\nServer: nginx/1.22.1\r\nContent-Type: text/html\r\n\r\n<html><head><title>400 Bad Request</title></head></html>\r\n")
hs("tls-alert", b"\x15\x03\x01\x00\x02\x02\x28")
hs("tls-handshake", b"\x16\x03\x03\x00\x31\x02\x00\x00\x2d\x03\x03" + bytes(40))
hs("rtmpe-06", b"\x06" + block())
hs("rtmpe-09", b"\x09" + block(), piece=1)
hs("ssh-banner", b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u2\r\n")
hs("smtp-greeting", b"220 mail.example.com ESMTP Postfix (Debian/GNU)\r\n")
hs("garbage", bytes([0xde, 0xad, 0xbe, 0xef]) * 16)
hs("short-rtmp", b"\x03" + block()[:100])
hs("version-0", b"\x00" + block())

# ---- RTMPT: [mode][piece-1][response(s)] or [0x80|...] request fields ---------------------------
def resp(code, reason, body, headers=None, chunked=False):
    headers = headers if headers is not None else [("Content-Type", "application/x-fcs"), ("Connection", "Keep-Alive"),
                                                  ("Server", "Red5"), ("Cache-Control", "no-cache")]
    lines = ["HTTP/1.1 %d %s" % (code, reason)] + ["%s: %s" % h for h in headers]
    if chunked:
        lines.append("Transfer-Encoding: chunked")
        enc = b"".join(b"%x\r\n" % len(body[i:i + 5]) + body[i:i + 5] + b"\r\n" for i in range(0, len(body), 5)) + b"0\r\n\r\n"
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + enc
    lines.append("Content-Length: %d" % len(body))
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body
def rt(name, data, mode=0x01, piece=16): write("fuzz_rtmpt", name + ".http", bytes([mode, piece]) + data)
rt("ident2-404", resp(404, "Not Found", b"", headers=[("Content-Type", "text/plain"), ("Server", "Red5")]))
rt("open-session", resp(200, "OK", b"a1B2c3D4e5\n"))
rt("send-reply", resp(200, "OK", b"\x01\x03" + block()[:200]))
rt("idle-empty", resp(200, "OK", b"\x00"))
rt("close", resp(200, "OK", b"\x00"))
rt("unknown-session", resp(400, "Bad Request", b"unknown client session", headers=[("Content-Type", "text/plain")]))
rt("nginx-html-open", resp(200, "OK", b"<!DOCTYPE html>\n<html><body>Welcome to nginx!</body></html>\n",
   headers=[("Server", "nginx/1.22.1"), ("Content-Type", "text/html")]))
rt("chunked-send", resp(200, "OK", b"\x02" + nginx[:60], chunked=True))
rt("http10-until-close", b"HTTP/1.0 200 OK\r\nContent-Type: application/x-fcs\r\n\r\n\x00\x03abc", mode=0x01)
rt("keepalive-pipeline", resp(200, "OK", b"abc123\n") + resp(200, "OK", b"\x00") + resp(200, "OK", b"\x05" + b"x" * 30))
rt("small-limits", resp(200, "OK", b"\x00" * 100), mode=0x41 | 0x10)
rt("truncated", resp(200, "OK", b"\x00" * 50)[:60], mode=0x01)
def req(name, flags, port, host, ua, session, body, seq=3):
    write("fuzz_rtmpt", name + ".req", bytes([0x80, flags]) + struct.pack(">H", port) + bytes([len(host)]) + host +
          (bytes([len(ua)]) + ua if flags & 8 else b"") + bytes([len(session)]) + session + bytes([len(body)]) + body +
          struct.pack(">H", seq))
req("request-open", 0x14, 80, b"live.example.com", b"", b"", b"")
req("request-send-proxy", 0x27 | 0x08, 8080, b"127.0.0.1", b"Shockwave Flash", b"a1B2c3D4e5", b"\x03" + bytes(20))
req("request-injection", 0x38, 80, b"host\r\nX-Evil: 1", b"UA\r\n\r\n", b"id\nx", b"body")
req("request-ipv6", 0x31, 443, b"::1", b"", b"abc", b"")

# ---- ingest URLs ------------------------------------------------------------------------------
urls = set()
for path in ["resources/catalogs/encoders.json", "resources/catalogs/servers.json",
             "tests/unit/tst_ingesturl.cpp", "tests/unit/tst_ingesturl_azure.cpp"]:
    text = open(os.path.join(ROOT, path), encoding="utf-8").read()
    for m in re.finditer(r'(rtm[a-z]*:[^"\s\\]*)', text):
        urls.add(m.group(1))
urls = sorted(u for u in urls if 8 <= len(u) <= 200)
rng2 = random.Random(7)
picked = urls if len(urls) <= 60 else sorted(rng2.sample(urls, 60))
for i, u in enumerate(picked):
    write("fuzz_ingesturl", "url-%02d.txt" % i, u)
for name, u in [("separate-key", "rtmp://a.rtmp.youtube.com/live2\tabcd-efgh-ijkl-mnop-qrst"),
                ("credentials", "rtmp://user:p4ssw0rdSecret@live.example.com:1935/app/k3yK3yK3y"),
                ("azure-vanity", "rtmps://myevent-myaccount-euwe.channel.media.azure.net:2935/live/0123456789abcdef0123456789abcdef/stream1"),
                ("azure-legacy", "rtmp://0123456789abcdef0123456789abcdef.channel.media.azure.net:1935/0123456789abcdef0123456789abcdef"),
                ("ipv6", "rtmp://[::1]:1935/live/key123abc"), ("idn", "rtmp://bücher.example/live/schlüssel9"),
                ("placeholder", "rtmp://live.twitch.tv/app/{stream_key}"), ("nested", "rtmp://rtmp://host/app/key"),
                ("whitespace", " rtmp://host/app/key with space\n"), ("zero-width", "rtmp://ho\u200bst/app/key"),
                ("avchat", "rtmp://127.0.0.1/avchat30/_definst_"), ("rtmpe", "rtmpe://host:1935/app/key"),
                ("port-range", "rtmp://host:99999/app/key"), ("query", "rtmp://host/app/key?token=s3cr3tT0ken&x=1")]:
    write("fuzz_ingesturl", name + ".txt", u)

# ---- error texts ------------------------------------------------------------------------------
notes = open("/work/shared/docs/encoder-error-texts.md", encoding="utf-8").read() if os.path.exists(
    "/work/shared/docs/encoder-error-texts.md") else ""
texts = set(re.findall(r'"([^"\n]{6,200})"', notes)) | set(re.findall(r"`([^`\n]{6,200})`", notes))
kb = open(os.path.join(ROOT, "resources/knowledge/error-signatures.json"), encoding="utf-8").read() \
    if os.path.exists(os.path.join(ROOT, "resources/knowledge/error-signatures.json")) else ""
texts |= set(p for p in re.findall(r'"((?:[^"\\]|\\.){6,160})"', kb) if " " in p)
for i, t in enumerate(sorted(texts)[:120]):
    write("fuzz_errortext", "text-%03d.txt" % i, t)
write("fuzz_errortext", "log-with-secret.txt",
      "info: Connecting to RTMP URL rtmp://live.example.com/app/s3cr3tKey99...\n"
      "error: RTMP_Connect1, handshake failed.\nerror: Connection to rtmp://live.example.com/app failed: -2\n"
      "\0s3cr3tKey99")
write("fuzz_errortext", "curly-quotes.txt", "Connection Rejected:No scope \u201cavchat30/_definst_\u201d on this server")

# ---- saved sessions: cut-down copies of the samples ---------------------------------------------
def shrink(value, depth=0):
    if isinstance(value, list): return [shrink(v, depth + 1) for v in value[:2]]
    if isinstance(value, dict): return {k: shrink(v, depth + 1) for k, v in value.items()}
    if isinstance(value, str) and len(value) > 80: return value[:80]
    return value
for sample in ["report-healthy", "report-firewalled"]:
    report = json.load(open(os.path.join(ROOT, "docs/samples", sample + ".json"), encoding="utf-8"))
    small = shrink(report)
    write("fuzz_sessionfile", sample + "-small.json", json.dumps(small, separators=(",", ":")))
    with_secret = dict(small)
    with_secret["secretsIncluded"] = True
    with_secret["secrets"] = ["k3yK3yK3ySecret42"]
    inputs = dict(with_secret["inputs"]); inputs["ingestUrl"] = "rtmp://127.0.0.1:1935/live/k3yK3yK3ySecret42"
    with_secret["inputs"] = inputs
    write("fuzz_sessionfile", sample + "-with-secret.json", json.dumps(with_secret, separators=(",", ":")))
    probes = report.get("probes", [])
    for probe in probes[:31]:
        one = dict(small); one["probes"] = [shrink(probe)]; one["timeline"] = []
        write("fuzz_sessionfile", "%s-probe-%s.json" % (sample, re.sub(r"[^A-Za-z0-9-]", "-", probe.get("id", "x"))),
              json.dumps(one, separators=(",", ":")))
write("fuzz_sessionfile", "minimal.json", '{"schemaVersion":1}')
write("fuzz_sessionfile", "wrong-version.json", '{"schemaVersion":2,"probes":[]}')
write("fuzz_sessionfile", "not-object.json", '[1,2,3]')
print("seeds written to", CORPUS)
