#!/usr/bin/env node
// @tuyapi/stub (a 3.1 device, pinned in package.json) on 127.0.0.1, for tests/cli/tst_lan_interop.
//   node stub-device.js --id ID --key KEY [--port P] [--state '{"1":true,"2":0}']
// --port 0 (the default) takes a free port. Prints "ready PORT" once listening, then one JSON line
// per frame it receives: {"received":{"cmd":N,"seq":N,"payload":...}}, and {"state":{...}} after
// each frame. Exits on SIGTERM/SIGINT or when stdin closes; a stub exception is printed as
// {"error":"..."} and ends the process with code 1.
'use strict';

const net = require('net');
const TuyaStub = require('@tuyapi/stub');

const options = {port: '0', state: '{}'};
const argv = process.argv.slice(2);
for (let i = 0; i + 1 < argv.length; i += 2) {
  options[argv[i].replace(/^--/, '')] = argv[i + 1];
}

if (!options.id || !options.key) {
  process.stdout.write(JSON.stringify({error: 'missing --id or --key'}) + '\n');
  process.exit(1);
}

const stub = new TuyaStub({id: options.id, key: options.key, ip: '127.0.0.1', state: JSON.parse(options.state)});

// Log what the stub parses, before it acts on it.
const parse = stub.parser.parse.bind(stub.parser);
stub.parser.parse = data => {
  const packets = parse(data);
  for (const packet of packets) {
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload.toString('hex') : packet.payload;
    process.stdout.write(JSON.stringify({received: {cmd: packet.commandByte, seq: packet.sequenceN, payload}}) + '\n');
  }

  return packets;
};

// The stub's own startServer() listens on every interface; this is the same server on loopback.
stub.server = net.createServer(socket => {
  stub.socket = socket;
  socket.on('data', data => {
    stub._handleRequest(data);
    process.stdout.write(JSON.stringify({state: stub.getState()}) + '\n');
  });
  socket.on('error', () => {});
});
stub.server.listen(Number(options.port), '127.0.0.1', () => {
  process.stdout.write(`ready ${stub.server.address().port}\n`);
});

process.on('uncaughtException', error => {
  process.stdout.write(JSON.stringify({error: String(error && error.message ? error.message : error)}) + '\n');
  process.exit(1);
});

function stop() {
  stub.shutdown();
  process.exit(0);
}

process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
