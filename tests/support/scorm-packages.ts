/**
 * Small SCORM packages built in code for the tests: a SCORM 1.2 and a SCORM 2004 SCO with one
 * question (the answer "42" passes, anything else fails), "save and leave" (suspend data and
 * location), the learner the LMS named; and a probe SCO that tries to reach the app from inside
 * the player's sandbox.
 */
import { strToU8, zipSync, type Zippable } from "fflate";

export type Standard = "scorm12" | "scorm2004";

const MANIFEST_12 = (title: string, mastery: string) => `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="hocso-test-12" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>${title}</title>
      <item identifier="item1" identifierref="res1">
        <title>${title}</title>
        ${mastery ? `<adlcp:masteryscore>${mastery}</adlcp:masteryscore>` : ""}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res1" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/><file href="sco.js"/>
    </resource>
  </resources>
</manifest>`;

const MANIFEST_2004 = (title: string, mastery: string, sequencing = "") => `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="hocso-test-2004" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>${title}</title>
      <item identifier="item1" identifierref="res1">
        <title>${title}</title>
        <imsss:sequencing>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
          ${
            mastery
              ? `<imsss:objectives><imsss:primaryObjective objectiveID="q" satisfiedByMeasure="true"><imsss:minNormalizedMeasure>${mastery}</imsss:minNormalizedMeasure></imsss:primaryObjective></imsss:objectives>`
              : ""
          }
          ${sequencing}
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res1" type="webcontent" adlcp:scormType="sco" href="index.html">
      <file href="index.html"/><file href="sco.js"/>
    </resource>
  </resources>
</manifest>`;

const INDEX_HTML = (title: string) => `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${title}</title></head>
<body>
<h1>${title}</h1>
<p id="learner">-</p>
<p id="resume">-</p>
<label>6 × 7 = <input id="answer" autocomplete="off"></label>
<button id="submit" type="button">Submit answer</button>
<label>Notes <input id="notes" autocomplete="off"></label>
<button id="suspend" type="button">Save and leave</button>
<p id="status">loading</p>
<script src="sco.js"></script>
</body></html>`;

// Plain ES5, as authoring tools write it; finds the API the way ADL's discovery algorithm does.
const SCO_JS = (standard: Standard) => `(function () {
  var v12 = ${standard === "scorm12" ? "true" : "false"};
  function find(win) {
    for (var i = 0; win && i < 10; i++) {
      if (v12 && win.API) return win.API;
      if (!v12 && win.API_1484_11) return win.API_1484_11;
      if (win.parent === win) break;
      try { win = win.parent; } catch (e) { return null; }
    }
    return null;
  }
  var api = find(window);
  var status = document.getElementById("status");
  if (!api) { status.textContent = "no API"; return; }
  function get(k) { return v12 ? api.LMSGetValue(k) : api.GetValue(k); }
  function set(k, v) { return v12 ? api.LMSSetValue(k, v) : api.SetValue(k, v); }
  function commit() { return v12 ? api.LMSCommit("") : api.Commit(""); }
  function finish() { return v12 ? api.LMSFinish("") : api.Terminate(""); }
  (v12 ? api.LMSInitialize("") : api.Initialize(""));
  document.getElementById("learner").textContent =
    get(v12 ? "cmi.core.student_name" : "cmi.learner_name") + " (" + get(v12 ? "cmi.core.student_id" : "cmi.learner_id") + ")";
  var suspend = get("cmi.suspend_data");
  var location = get(v12 ? "cmi.core.lesson_location" : "cmi.location");
  document.getElementById("resume").textContent = suspend ? "resumed: " + suspend + " @ " + location : "new";
  if (suspend) document.getElementById("notes").value = suspend;
  if (v12 && get("cmi.core.lesson_status") === "not attempted") set("cmi.core.lesson_status", "incomplete");
  if (!v12 && get("cmi.completion_status") === "unknown") set("cmi.completion_status", "incomplete");
  commit();
  status.textContent = "ready";
  document.getElementById("submit").onclick = function () {
    var right = document.getElementById("answer").value.replace(/\\s/g, "") === "42";
    var raw = right ? 100 : 20;
    if (v12) {
      set("cmi.core.score.raw", String(raw)); set("cmi.core.score.min", "0"); set("cmi.core.score.max", "100");
      set("cmi.core.lesson_status", right ? "passed" : "failed");
      set("cmi.core.exit", "");
    } else {
      set("cmi.score.raw", String(raw)); set("cmi.score.min", "0"); set("cmi.score.max", "100");
      set("cmi.score.scaled", String(raw / 100));
      set("cmi.completion_status", "completed");
      set("cmi.success_status", right ? "passed" : "failed");
      set("cmi.exit", "normal");
    }
    commit(); finish();
    status.textContent = right ? "passed" : "failed";
  };
  document.getElementById("suspend").onclick = function () {
    set("cmi.suspend_data", document.getElementById("notes").value);
    set(v12 ? "cmi.core.lesson_location" : "cmi.location", "page-2");
    set(v12 ? "cmi.core.exit" : "cmi.exit", "suspend");
    commit(); finish();
    status.textContent = "suspended";
  };
})();`;

// What a hostile package would try: the app's cookies, its storage and window, and its endpoints
// (a fetch that reads a page, fetches that write, one of them and a form logging the learner out). Each
// outcome is written into #probe as JSON for the test to read.
const PROBE_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>probe</title></head><body>
<pre id="probe">running</pre>
<form id="logout" method="post" action="/logout"><button>x</button></form>
<script src="probe.js"></script></body></html>`;
const PROBE_JS = `(function () {
  var out = {};
  function blocked(e) { return "blocked: " + (e && e.name ? e.name : String(e)); }
  try { out.cookie = document.cookie; } catch (e) { out.cookie = blocked(e); }
  try { out.storage = String(window.localStorage.length); } catch (e) { out.storage = blocked(e); }
  try { out.parentCookie = String(window.parent.document.cookie); } catch (e) { out.parentCookie = blocked(e); }
  try { out.topUrl = String(window.top.location.href); } catch (e) { out.topUrl = blocked(e); }
  function show() { document.getElementById("probe").textContent = JSON.stringify(out); }
  var pending = 3;
  function done() { pending -= 1; if (pending === 0) { out.finished = true; show(); } }
  function attempt(key, promise) {
    promise.then(function (r) { return r.text().then(function (t) { out[key] = "status " + r.status + ": " + t.slice(0, 80); done(); }); },
      function (e) { out[key] = blocked(e); done(); });
  }
  try { attempt("fetchGet", fetch("/account", { credentials: "include" })); } catch (e) { out.fetchGet = blocked(e); done(); }
  try {
    attempt("fetchPost", fetch("/api/progress", { method: "POST", credentials: "include",
      headers: { "Content-Type": "text/plain" },
      body: JSON.stringify({ lessonId: "x", positionSeconds: 1, watchedDeltaSeconds: 1 }) }));
  } catch (e) { out.fetchPost = blocked(e); done(); }
  try { attempt("fetchLogout", fetch("/logout", { method: "POST", credentials: "include" })); } catch (e) { out.fetchLogout = blocked(e); done(); }
  try { document.getElementById("logout").submit(); out.form = "submitted"; } catch (e) { out.form = blocked(e); }
  show();
})();`;

const FIXED_DATE = new Date("2026-01-01T00:00:00Z");

export function zipEntries(entries: Record<string, string | Uint8Array>): Uint8Array {
  const tree: Zippable = {};
  for (const [name, content] of Object.entries(entries))
    tree[name] = [typeof content === "string" ? strToU8(content) : content, { mtime: FIXED_DATE }];
  return zipSync(tree, { level: 6 });
}

/** The files of a one-question package (before zipping, so tests can break them one by one). */
export function scormPackageEntries(
  standard: Standard,
  options: { title?: string; mastery?: string; sequencing?: string } = {},
): Record<string, string> {
  const title = options.title ?? (standard === "scorm12" ? "Bài SCORM 1.2" : "Bài SCORM 2004");
  const mastery = options.mastery ?? (standard === "scorm12" ? "80" : "0.8");
  return {
    "imsmanifest.xml":
      standard === "scorm12" ? MANIFEST_12(title, mastery) : MANIFEST_2004(title, mastery, options.sequencing),
    "index.html": INDEX_HTML(title),
    "sco.js": SCO_JS(standard),
  };
}

export function scormPackage(standard: Standard, options: Parameters<typeof scormPackageEntries>[1] = {}): Uint8Array {
  return zipEntries(scormPackageEntries(standard, options));
}

/** A SCORM 1.2 package whose one SCO tries to reach the app (see PROBE_JS). */
export function probePackage(): Uint8Array {
  return zipEntries({
    "imsmanifest.xml": MANIFEST_12("Probe", "").replace('<file href="sco.js"/>', '<file href="probe.js"/>'),
    "index.html": PROBE_HTML,
    "probe.js": PROBE_JS,
  });
}
