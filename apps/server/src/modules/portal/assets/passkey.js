// Passkeys (WebAuthn) on the second-factor pages: asks the server for options, lets the browser create or use a
// passkey, and posts the answer back. The button stays hidden where the browser has no WebAuthn. Never inline (CSP).
/* global window, document */
(function () {
  'use strict';
  var box = document.querySelector('[data-passkey]');
  if (!box || !window.PublicKeyCredential || !navigator.credentials) return;

  function toBytes(base64url) {
    var base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
    var binary = window.atob(base64 + '==='.slice((base64.length + 3) % 4));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes.buffer;
  }
  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return window.btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': box.dataset.csrf },
      body: JSON.stringify(body || {}),
    }).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.json();
    });
  }
  function descriptors(list) {
    return (list || []).map(function (c) {
      return { type: 'public-key', id: toBytes(c.id), transports: c.transports };
    });
  }
  function ask(options) {
    options.challenge = toBytes(options.challenge);
    if (box.dataset.passkey === 'register') {
      options.user.id = toBytes(options.user.id);
      options.excludeCredentials = descriptors(options.excludeCredentials);
      return navigator.credentials.create({ publicKey: options });
    }
    options.allowCredentials = descriptors(options.allowCredentials);
    return navigator.credentials.get({ publicKey: options });
  }
  function answer(credential) {
    var r = credential.response;
    var response = { clientDataJSON: toBase64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toBase64url(r.attestationObject);
      response.transports = typeof r.getTransports === 'function' ? r.getTransports() : [];
    } else {
      response.authenticatorData = toBase64url(r.authenticatorData);
      response.signature = toBase64url(r.signature);
      if (r.userHandle) response.userHandle = toBase64url(r.userHandle);
    }
    var json = { id: credential.id, rawId: toBase64url(credential.rawId), type: credential.type, response: response };
    json.clientExtensionResults = credential.getClientExtensionResults();
    if (credential.authenticatorAttachment) json.authenticatorAttachment = credential.authenticatorAttachment;
    return json;
  }

  var button = box.querySelector('#passkey-button');
  var error = box.querySelector('#passkey-error');
  box.hidden = false;
  button.addEventListener('click', function () {
    button.disabled = true;
    error.hidden = true;
    post(box.dataset.optionsUrl)
      .then(ask)
      .then(function (credential) {
        return post(box.dataset.verifyUrl, { credential: answer(credential) });
      })
      .then(function () {
        window.location.assign(box.dataset.returnTo);
      })
      .catch(function () {
        error.hidden = false;
        button.disabled = false;
        button.focus();
      });
  });
})();
