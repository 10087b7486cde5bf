// Just enough of the X11 protocol to close the app's window the way a user does: a window
// manager turns a click on the close button into a WM_DELETE_WINDOW message to the window,
// which is what `requestClose` sends (Xvfb runs no window manager). WebDriver cannot do this:
// deleting the session or closing its window kills the app's process, so nothing it does on
// closing (the backup) would run. Also tells whether the window is still shown, to measure how
// long closing takes.
//
//   const x = await X11.connect(":99");
//   const window = await x.topLevelWindowOf(pid);   // the mapped window with _NET_WM_PID pid
//   await x.requestClose(window);
//   await x.isViewable(window);                     // false once it is unmapped or destroyed
//   x.close();
//
// No library: a Unix socket to the display, requests and replies as the protocol spells them
// (X Window System Protocol, X Version 11, chapters 8 and 9), little-endian.
import net from "node:net";

const opcode = {
  getWindowAttributes: 3,
  queryTree: 15,
  internAtom: 16,
  getProperty: 20,
  sendEvent: 25,
  getInputFocus: 43,
};
const clientMessageEvent = 33;
const mapStateViewable = 2;
const atomCardinal = 6;

function pad4(length) {
  return (4 - (length % 4)) % 4;
}

export class X11 {
  /** Connects to `display` (":N") over its Unix socket, without authorisation data (Xvfb as
   * the harness starts it accepts local clients). */
  static async connect(display) {
    const number = /^:(\d+)/.exec(display)?.[1];
    if (number === undefined) throw new Error(`not a local display: ${display}`);
    const socket = net.createConnection(`/tmp/.X11-unix/X${number}`);
    await new Promise((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    const x = new X11(socket);
    await x.handshake();
    return x;
  }

  constructor(socket) {
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    /** Waiting for bytes: one reader at a time, since requests are sent one at a time. */
    this.wake = undefined;
    this.failure = undefined;
    socket.on("data", (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake?.();
    });
    socket.on("error", (error) => {
      this.failure = error;
      this.wake?.();
    });
    socket.on("close", () => {
      this.failure ??= new Error("the X server closed the connection");
      this.wake?.();
    });
  }

  close() {
    this.socket.destroy();
  }

  async read(length) {
    while (this.buffer.length < length) {
      if (this.failure !== undefined) throw this.failure;
      await new Promise((resolve) => {
        this.wake = resolve;
      });
      this.wake = undefined;
    }
    const bytes = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return bytes;
  }

  async handshake() {
    const setup = Buffer.alloc(12);
    setup.write("l", 0, "latin1"); // little-endian
    setup.writeUInt16LE(11, 2);
    setup.writeUInt16LE(0, 4);
    this.socket.write(setup);
    const head = await this.read(8);
    const more = await this.read(head.readUInt16LE(6) * 4);
    if (head[0] !== 1) {
      const reason = more.subarray(0, head[1]).toString("latin1");
      throw new Error(`the X server refused the connection: ${reason}`);
    }
    const vendorLength = more.readUInt16LE(16);
    const formats = more[21];
    const screens = 32 + vendorLength + pad4(vendorLength) + formats * 8;
    this.root = more.readUInt32LE(screens);
  }

  /**
   * Sends one request and reads what comes back: its reply (`{ head, data }`), or nothing for
   * a request without one. An X error rejects, naming the request.
   */
  async request(code, detail, body, { reply = true } = {}) {
    const request = Buffer.alloc(4 + body.length);
    request[0] = code;
    request[1] = detail;
    request.writeUInt16LE(request.length / 4, 2);
    body.copy(request, 4);
    this.socket.write(request);
    if (!reply) return undefined;
    const head = await this.read(32);
    if (head[0] === 0) {
      const error = new Error(`X error ${head[1]} on request ${code}`);
      error.xError = head[1];
      throw error;
    }
    const data = await this.read(head.readUInt32LE(4) * 4);
    return { head, data };
  }

  async internAtom(name) {
    const text = Buffer.from(name, "latin1");
    const body = Buffer.alloc(4 + text.length + pad4(text.length));
    body.writeUInt16LE(text.length, 0);
    text.copy(body, 4);
    const { head } = await this.request(opcode.internAtom, 0, body);
    return head.readUInt32LE(8);
  }

  async children(window) {
    const body = Buffer.alloc(4);
    body.writeUInt32LE(window, 0);
    const { head, data } = await this.request(opcode.queryTree, 0, body);
    const count = head.readUInt16LE(16);
    return Array.from({ length: count }, (_, index) => data.readUInt32LE(index * 4));
  }

  /** A CARDINAL property's first value, or undefined. */
  async cardinal(window, property) {
    const body = Buffer.alloc(20);
    body.writeUInt32LE(window, 0);
    body.writeUInt32LE(property, 4);
    body.writeUInt32LE(atomCardinal, 8);
    body.writeUInt32LE(0, 12);
    body.writeUInt32LE(1, 16);
    const { head, data } = await this.request(opcode.getProperty, 0, body);
    return head[1] === 32 && head.readUInt32LE(16) >= 1 ? data.readUInt32LE(0) : undefined;
  }

  /** Whether `window` is mapped and shown; false once it is unmapped or destroyed. */
  async isViewable(window) {
    const body = Buffer.alloc(4);
    body.writeUInt32LE(window, 0);
    try {
      const { head } = await this.request(opcode.getWindowAttributes, 0, body);
      return head[26] === mapStateViewable;
    } catch (error) {
      if (error.xError === 3) return false; // BadWindow: destroyed.
      throw error;
    }
  }

  /** The shown top-level window of the process `pid` (by its _NET_WM_PID), or undefined. */
  async topLevelWindowOf(pid) {
    const wmPid = await this.internAtom("_NET_WM_PID");
    for (const window of await this.children(this.root)) {
      if ((await this.cardinal(window, wmPid)) === pid && (await this.isViewable(window))) {
        return window;
      }
    }
    return undefined;
  }

  /** Asks `window` to close, as a window manager does when its close button is clicked. */
  async requestClose(window) {
    const protocols = await this.internAtom("WM_PROTOCOLS");
    const deleteWindow = await this.internAtom("WM_DELETE_WINDOW");
    const body = Buffer.alloc(40);
    body.writeUInt32LE(window, 0); // destination
    body.writeUInt32LE(0, 4); // event mask: none, so it goes to the window's own client
    const event = body.subarray(8);
    event[0] = clientMessageEvent;
    event[1] = 32; // format
    event.writeUInt32LE(window, 4);
    event.writeUInt32LE(protocols, 8);
    event.writeUInt32LE(deleteWindow, 12);
    event.writeUInt32LE(0, 16); // CurrentTime
    await this.request(opcode.sendEvent, 0, body, { reply: false });
    // A round trip, so that an error in the SendEvent arrives before this returns.
    await this.request(opcode.getInputFocus, 0, Buffer.alloc(0));
  }
}
