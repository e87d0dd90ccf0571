#!/usr/bin/python3
"""A test peer speaking the Asterisk Manager Interface (AMI) the way Asterisk's main/manager.c and main/db.c do:
banner, Login, DBPut/DBGet/DBDel on an AstDB, Logoff. Options make it misbehave the ways a real PBX can.

Usage: fake_ami.py PORT [JOURNAL] [options]   (PORT 0 = a free port; the bound port is the first stdout line)
The journal gets one JSON object per received action: its headers with lower-cased keys and stripped values,
e.g. {"action": "DBPut", "actionid": "shiftdesk-2", "family": "CF", "key": "1001", "val": "015112345678"}.
--db FILE keeps the AstDB in a JSON file ({"/CF/1001": "015112345678"}, like `database show`), loaded at start and
rewritten on every change, so a restarted peer still holds what was put before. Stdlib only; exits 0 on SIGTERM.
"""
import argparse
import asyncio
import json
import os
import signal
import sys

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("port", type=int)
parser.add_argument("journal", nargs="?")
parser.add_argument("--username", default="shiftdesk")
parser.add_argument("--secret", default="s3cret")
parser.add_argument("--db", help="JSON file holding the AstDB across restarts")
parser.add_argument("--banner", default="Asterisk Call Manager/9.0.0", help="the greeting line (to play a non-AMI)")
parser.add_argument("--fail-put", type=int, default=0, metavar="N",
                    help="answer the first N DBPuts with 'Failed to update entry' (Asterisk's DB write failed)")
parser.add_argument("--lose-put", type=int, default=0, metavar="N",
                    help="acknowledge the first N DBPuts without storing them (a read-back then differs)")
parser.add_argument("--deny", action="append", default=[], metavar="ACTION",
                    help="answer ACTION with 'Permission denied' (the AMI user lacks the write class); repeatable")
parser.add_argument("--hangup-on", action="append", default=[], metavar="ACTION",
                    help="close the connection without a reply on receiving ACTION; repeatable")
parser.add_argument("--silent", action="store_true", help="accept connections and never send a byte")
parser.add_argument("--interleave-events", action="store_true",
                    help="before each reply send a FullyBooted event and an error Response for another ActionID; "
                         "around DBGet's result, DBGetResponse (Val 9999, 9998) and DBGetComplete for another ActionID")
parser.add_argument("--legacy-dbget", action="store_true",
                    help="answer DBGet like Asterisk 11: no EventList, no DBGetComplete")
args = parser.parse_args()
deny = {a.lower() for a in args.deny}
hangup_on = {a.lower() for a in args.hangup_on}
counts = {"dbput": 0}
writers = set()  # open connections, closed on SIGTERM so newer Pythons' Server.wait_closed does not wait for them


def load_db():
    if args.db and os.path.exists(args.db):
        with open(args.db) as f:
            return dict(json.load(f))
    return {}


DB = load_db()


def save_db():
    if not args.db:
        return
    tmp = args.db + ".tmp"
    with open(tmp, "w") as f:
        json.dump(DB, f, sort_keys=True)
    os.replace(tmp, args.db)


def journal(fields):
    if args.journal:
        with open(args.journal, "a") as f:
            f.write(json.dumps(fields) + "\n")


def packet(*lines):
    return ("".join(f"{line}\r\n" for line in lines) + "\r\n").encode()


async def read_packet(r):
    """The headers of the next packet (lines up to an empty one), or None at EOF."""
    lines = []
    while True:
        line = await r.readline()
        if line == b"":
            return None
        line = line.decode("utf-8", "replace").rstrip("\r\n")
        if line == "":
            if lines:
                return lines
            continue  # stray empty lines between packets
        lines.append(line)


async def silent_session(r, w):
    writers.add(w)
    try:
        while await r.read(4096):
            pass
    except (ConnectionError, OSError):
        pass
    finally:
        writers.discard(w)
        w.close()


async def session(r, w):
    writers.add(w)
    w.write(f"{args.banner}\r\n".encode())
    authed = False
    try:
        while (lines := await read_packet(r)) is not None:
            m = {}
            for line in lines:
                k, _, v = line.partition(":")
                m.setdefault(k.strip().lower(), v.strip())
            act, aid = m.get("action", "").lower(), m.get("actionid")
            journal(m)
            idline = [f"ActionID: {aid}"] if aid else []

            def reply(resp, msg, *extra):
                w.write(packet(f"Response: {resp}", *idline, *extra, f"Message: {msg}"))

            if act in hangup_on:
                break
            if args.interleave_events:
                w.write(packet("Event: FullyBooted", "Privilege: system,all", "Uptime: 12", "Status: Fully Booted"))
                w.write(packet("Response: Error", "ActionID: someone-else", "Message: Permission denied"))
            if act == "login":
                authed = m.get("username") == args.username and m.get("secret") == args.secret
                if not authed:
                    # Asterisk ends the session after a failed login.
                    reply("Error", "Authentication failed")
                    break
                reply("Success", "Authentication accepted")
            elif act == "logoff":
                reply("Goodbye", "Thanks for all the fish.")
                break
            elif not authed or act in deny:
                reply("Error", "Permission denied")
            elif act in ("dbput", "dbget", "dbdel") and not m.get("family"):
                reply("Error", "No family specified.")
            elif act in ("dbput", "dbget", "dbdel") and not m.get("key"):
                reply("Error", "No key specified.")
            elif act == "dbput":
                counts["dbput"] += 1
                if counts["dbput"] <= args.fail_put:
                    reply("Error", "Failed to update entry")
                else:
                    if counts["dbput"] > args.fail_put + args.lose_put:
                        DB[f"/{m['family']}/{m['key']}"] = m.get("val", "")
                        save_db()
                    reply("Success", "Updated database successfully")
            elif act == "dbdel":
                if DB.pop(f"/{m['family']}/{m['key']}", None) is not None:
                    save_db()
                    reply("Success", "Key deleted successfully")
                else:
                    reply("Error", "Database entry not found")
            elif act == "dbget":
                path = f"/{m['family']}/{m['key']}"
                if path not in DB:
                    reply("Error", "Database entry not found")
                elif args.legacy_dbget:
                    reply("Success", "Result will follow")
                    w.write(packet("Event: DBGetResponse", f"Family: {m['family']}", f"Key: {m['key']}",
                                   f"Val: {DB[path]}", *idline))
                else:
                    def foreign(val):
                        if args.interleave_events:
                            w.write(packet("Event: DBGetResponse", f"Family: {m['family']}", f"Key: {m['key']}",
                                           f"Val: {val}", "ActionID: someone-else"))
                    reply("Success", "Result will follow", "EventList: start")
                    foreign("9999")
                    w.write(packet("Event: DBGetResponse", f"Family: {m['family']}", f"Key: {m['key']}",
                                   f"Val: {DB[path]}", *idline))
                    foreign("9998")
                    if args.interleave_events:
                        w.write(packet("Event: DBGetComplete", "ActionID: someone-else", "EventList: Complete",
                                       "ListItems: 2"))
                    w.write(packet("Event: DBGetComplete", *idline, "EventList: Complete", "ListItems: 1"))
            else:
                reply("Error", "Invalid/unknown command")
            await w.drain()
        await w.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        writers.discard(w)
        w.close()


async def main():
    srv = await asyncio.start_server(silent_session if args.silent else session, "127.0.0.1", args.port)
    print(srv.sockets[0].getsockname()[1], flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with srv:
        await stop.wait()
        for w in list(writers):
            w.close()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
