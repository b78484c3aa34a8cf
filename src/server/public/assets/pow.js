/* global document, window */
// Haven's proof of work for the report form, loaded only while intake is under pressure.
// It finds the number the server's challenge hides (SHA-256 of salt + number, the ALTCHA
// format) and puts the answer in the form's hidden `pow` field. Without it the form still
// works; it is only an added step for browsers that run scripts. No outside service is used.
(function () {
  'use strict';
  var field = document.querySelector('input[name="pow"][data-challenge]');
  if (!field) return;
  var form = field.form;
  var status = document.getElementById('pow-status');
  var say = function (which) { if (status) status.textContent = status.getAttribute('data-' + which) || ''; };
  var challenge;
  try { challenge = JSON.parse(field.getAttribute('data-challenge')); } catch { return; }
  var subtle = window.crypto && window.crypto.subtle;
  if (!subtle || typeof TextEncoder === 'undefined') { say('failed'); return; }

  var encoder = new TextEncoder();
  var hex = function (buffer) {
    var bytes = new Uint8Array(buffer);
    var out = '';
    for (var i = 0; i < bytes.length; i += 1) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return out;
  };

  function solve() {
    var max = Number(challenge.maxnumber);
    var n = 0;
    function batch() {
      var tries = [];
      for (var k = 0; k < 200 && n <= max; k += 1, n += 1) tries.push(n);
      if (tries.length === 0) return Promise.resolve(null);
      return Promise.all(tries.map(function (m) {
        return subtle.digest('SHA-256', encoder.encode(challenge.salt + m)).then(function (d) { return hex(d) === challenge.challenge ? m : null; });
      })).then(function (found) {
        for (var j = 0; j < found.length; j += 1) if (found[j] !== null) return found[j];
        return batch();
      });
    }
    return batch();
  }

  say('working');
  var sending = false;
  var solved = solve().then(function (number) {
    if (number === null) { say('failed'); return; }
    field.value = btoa(JSON.stringify({
      algorithm: challenge.algorithm, challenge: challenge.challenge, number: number, salt: challenge.salt, signature: challenge.signature,
    }));
    say('done');
  }, function () { say('failed'); });

  // Sent before the check finished: wait for it, then send (once).
  form.addEventListener('submit', function (event) {
    if (field.value !== '' || sending) return;
    event.preventDefault();
    sending = true;
    solved.then(function () { form.submit(); });
  });
})();
