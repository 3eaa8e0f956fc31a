// Watch the page's kernel (before Voila's scripts start). The page is "lost" when the server
// says the kernel does not exist (a culled kernel: 404 on /api/kernels/<id>), when no kernel
// socket is open for 2 s after one closed or failed to open, when the server reports the kernel
// dead or restarting (its widgets are then gone), or when no kernel socket has opened 60 s after
// the page loaded.
(function () {
  var Native = window.WebSocket;
  if (!Native || Native.__medinsure) { return; }
  var KERNEL = /\/api\/kernels\/[^/?]+\/channels/;
  var STATUS = /"execution_state"\s*:\s*"(dead|restarting|autorestarting)"/;
  var BUSY = /"execution_state"\s*:\s*"(busy|idle)"/;  // the busy cue (medinsure-page.js)
  var open = 0, timer = null, decoder = window.TextDecoder ? new TextDecoder() : null;

  function lost() {
    document.documentElement.classList.add('medinsure-disconnected');
    if (document.body) { document.body.classList.add('medinsure-disconnected'); }
    var banner = document.getElementById('medinsure-connection-lost');
    if (banner) { document.body.appendChild(banner); banner.hidden = false; } else { window.__medinsureLost = true; }
  }
  document.addEventListener('DOMContentLoaded', function () { if (window.__medinsureLost) { lost(); } });
  window.medinsureConnectionLost = lost;

  function text(data) {
    if (typeof data === 'string') { return data; }
    if (decoder && data instanceof ArrayBuffer && data.byteLength < 65536) { return decoder.decode(data); }
    return '';
  }

  function Watched(url, protocols) {
    var ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
    if (KERNEL.test(String(url))) {
      var opened = false;
      ws.addEventListener('open', function () { opened = everOpen = true; open += 1; clearTimeout(timer); });
      ws.addEventListener('close', function () {
        if (opened) { open -= 1; }
        if (open <= 0) { clearTimeout(timer); timer = setTimeout(lost, 2000); }
      });
      ws.addEventListener('message', function (ev) {
        var t = text(ev.data);
        if (t.indexOf('"status"') >= 0 && STATUS.test(t)) { lost(); }
        var state = t.indexOf('"execution_state"') >= 0 && BUSY.exec(t);
        if (state && window.medinsureKernelState) { window.medinsureKernelState(state[1]); }
      });
    }
    return ws;
  }
  var nativeFetch = window.fetch;
  if (nativeFetch) {
    window.fetch = function (input, init) {
      var url = typeof input === 'string' ? input : (input && input.url) || '';
      var p = nativeFetch.apply(this, arguments);
      if (/\/api\/kernels\/[0-9a-f-]{36}(\?|$)/.test(url)) {
        p.then(function (r) { if (r.status === 404) { lost(); } }, function () {});
      }
      return p;
    };
  }
  var everOpen = false;
  window.addEventListener('load', function () {
    setTimeout(function () { if (!everOpen) { lost(); } }, 60000);
  });

  Watched.prototype = Native.prototype;
  ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'].forEach(function (k) { Watched[k] = Native[k]; });
  Watched.__medinsure = true;
  window.WebSocket = Watched;
})();
