// medinsure's page helpers (issue 13), run in the page body after Voila's helper functions:
// the start-up message in Chinese and English with the app's title (not the file name), a busy cue
// while the kernel works on a move, <html lang> following the app's language switch, accessible
// names on slider handles, number boxes and chart images, aria-live on the result sentence, and
// folded tables opened for printing. TITLES comes from medinsure-titles.json (catalog.APPS).
(function () {
  var path = decodeURIComponent(window.location.pathname);
  var notebook = Object.keys(TITLES).filter(function (k) { return path.slice(-k.length - 1) === '/' + k; })[0];
  var title = notebook ? TITLES[notebook] : { zh: '医保个人账户改革讲解', en: 'medinsure' };

  function loadingText(step, count) {
    var el = document.getElementById('loading_text');
    if (!el) { return; }
    el.textContent = '';
    var zh = document.createElement('span'), en = document.createElement('small');
    zh.lang = 'zh-CN'; en.lang = 'en';
    zh.textContent = '正在打开：' + title.zh + (count ? '（' + step + '/' + count + '）' : '') + '…';
    en.textContent = 'Opening: ' + title.en + (count ? ' (' + step + ' of ' + count + ')' : '') + '…';
    el.appendChild(zh); el.appendChild(document.createElement('br')); el.appendChild(en);
    el.classList.add('medinsure-loading-text');
  }
  loadingText();
  window.voila_process = function (step, count) { loadingText(step, count); };
  document.title = title.zh + ' · ' + title.en;

  // ---- busy cue: medinsure-connection.js reports the kernel's execution_state
  var busy = document.createElement('div');
  busy.id = 'medinsure-busy'; busy.className = 'medinsure-busy'; busy.hidden = true;
  busy.setAttribute('role', 'status');
  busy.textContent = '计算中… · Working…';
  document.body.appendChild(busy);
  var busyTimer = null;
  window.medinsureKernelState = function (state) {
    if (state === 'busy') {
      if (busyTimer === null) { busyTimer = setTimeout(function () { busy.hidden = false; }, 250); }
    } else if (state === 'idle') {
      clearTimeout(busyTimer); busyTimer = null; busy.hidden = true;
    }
  };

  // ---- names, language, live region: on every change of the widgets' DOM (batched per frame)
  var CHART = '图表（数字见旁边的表格） · Chart (the table beside it has the numbers)';
  function labelOf(el, selector) {
    var box = el.closest(selector);
    var label = box && box.querySelector('.widget-label');
    return label ? label.textContent.trim() : '';
  }
  function tidy() {
    document.querySelectorAll('[role=slider]').forEach(function (h) {
      if (h.getAttribute('aria-label')) { return; }
      var name = labelOf(h, '.widget-slider') || labelOf(h, '.medinsure-slider-row');
      h.setAttribute('aria-label', name || '滑块 Slider');
    });
    document.querySelectorAll('.medinsure-number input').forEach(function (i) {
      if (i.getAttribute('aria-label')) { return; }
      var box = i.closest('.medinsure-number');
      var name = (box && box.title) || labelOf(i, '.medinsure-slider-row');
      i.setAttribute('aria-label', (name ? name + ' · ' : '') + '输入数值 Type a number');
    });
    document.querySelectorAll('img').forEach(function (im) {
      if (im.hasAttribute('alt') && im.getAttribute('alt')) { return; }
      var box = im.closest('[title]');
      im.setAttribute('alt', (box && box.title) || CHART);
    });
    // a chart drawn in the browser (bqplot): one image for a screen reader, named by its title
    document.querySelectorAll('.bqplot.figure').forEach(function (f) {
      var head = f.querySelector('.mainheading');
      var t = head ? head.textContent.trim() : '';
      var cell = f.parentElement;
      var html = !t && cell ? cell.querySelector('.medinsure-chart-title') : null;
      if (html) { t = html.textContent.trim(); }
      var name = t ? t + ' · ' + CHART : CHART;
      if (f.getAttribute('aria-label') !== name) { f.setAttribute('role', 'img'); f.setAttribute('aria-label', name); }
    });
    document.querySelectorAll('.medinsure-sentence').forEach(function (s) {
      var live = s.closest('.widget-html-content') || s;
      if (!live.getAttribute('aria-live')) { live.setAttribute('aria-live', 'polite'); }
    });
    // the language switch: a toggle group with an "English" button; its active button decides
    var lang = null;
    document.querySelectorAll('.widget-toggle-buttons').forEach(function (g) {
      if (lang !== null || g.offsetParent === null) { return; }
      var buttons = g.querySelectorAll('button');
      var english = Array.prototype.some.call(buttons, function (b) { return /^English/.test(b.textContent.trim()); });
      var chinese = Array.prototype.some.call(buttons, function (b) { return /^中文/.test(b.textContent.trim()); });
      if (!english || !chinese) { return; }
      var active = g.querySelector('button.mod-active');
      if (active) { lang = /^English/.test(active.textContent.trim()) ? 'en' : 'zh-CN'; }
    });
    if (lang && document.documentElement.lang !== lang) { document.documentElement.lang = lang; }
  }
  var pending = false;
  new MutationObserver(function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; tidy(); });
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });

  // ---- printing a case: folded tables open, closed accordions shown
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details:not([open])').forEach(function (d) {
      d.setAttribute('open', ''); d.dataset.medinsurePrinted = '1';
    });
  });
  window.addEventListener('afterprint', function () {
    document.querySelectorAll('details[data-medinsure-printed]').forEach(function (d) {
      d.removeAttribute('open'); delete d.dataset.medinsurePrinted;
    });
  });
})();
