// thidua review page: jump to a field's evidence, correct a field in place (PATCH), accept.
// The page reads without this script; it only adds the writes and the highlighting.
(function () {
  "use strict";
  var main = document.querySelector("main.review");
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : "";

  function evidence(field) {
    var all = document.querySelectorAll("[data-field]");
    for (var i = 0; i < all.length; i++) if (all[i].getAttribute("data-field") === field) return all[i];
    return null;
  }

  document.querySelectorAll("a.jump").forEach(function (a) {
    a.addEventListener("click", function (e) {
      var el = evidence(a.getAttribute("data-target"));
      if (!el) return;
      e.preventDefault();
      el.scrollIntoView({ block: "center" });
      el.classList.add("flash");
      el.focus({ preventScroll: true });
      setTimeout(function () { el.classList.remove("flash"); }, 1600);
    });
  });

  if (!main) return;
  var id = main.getAttribute("data-id");
  var who = document.getElementById("reviewer");
  if (who) {
    who.value = localStorage.getItem("thidua.reviewer") || "";
    who.addEventListener("change", function () { localStorage.setItem("thidua.reviewer", who.value); });
    who.parentElement.hidden = false;
  }

  function send(method, url, body, type) {
    var headers = { "Content-Type": type, "X-CSRF-Token": csrf };
    // Header values are Latin-1 only: the name travels percent-encoded (UTF-8).
    if (who && who.value.trim()) headers["X-Thidua-User"] = encodeURIComponent(who.value.trim());
    return fetch(url, { method: method, headers: headers, body: JSON.stringify(body), credentials: "same-origin" })
      .then(function (r) {
        if (r.ok) return r.json();
        return r.json().then(function (j) { throw new Error(j.error ? j.error.code + ": " + j.error.message : r.status); });
      });
  }

  // "document.title" + "x" → {"document": {"title": "x"}}
  function patchFor(path, value) {
    var parts = path.split("."), patch = {}, cur = patch;
    for (var i = 0; i < parts.length - 1; i++) { cur[parts[i]] = {}; cur = cur[parts[i]]; }
    cur[parts[parts.length - 1]] = value === "" ? null : value;
    return patch;
  }

  document.querySelectorAll("form.edit").forEach(function (form) {
    form.hidden = false;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var status = form.querySelector(".status");
      status.textContent = "Saving…";
      var value = form.querySelector("input[name=value]").value;
      send("PATCH", "/v1/documents/" + id, patchFor(form.getAttribute("data-path"), value), "application/merge-patch+json")
        .then(function () { status.textContent = "Saved"; location.reload(); })
        .catch(function (err) { status.textContent = String(err.message || err); });
    });
  });

  var accept = document.querySelector("form.accept");
  if (accept) {
    var button = accept.querySelector("button");
    button.hidden = false;
    accept.addEventListener("submit", function (e) {
      e.preventDefault();
      var accepted = accept.getAttribute("data-accepted") !== "true";
      send("PUT", "/v1/documents/" + id + "/review", { accepted: accepted }, "application/json")
        .then(function () { location.reload(); })
        .catch(function (err) { accept.querySelector(".review-state").textContent = String(err.message || err); });
    });
  }
})();
