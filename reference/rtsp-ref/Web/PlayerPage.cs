namespace Rtsp.Ref.Web;

/// <summary>
/// The web player page: one self-contained document (no CDN, no external file) so it works offline and in a
/// sandboxed browser. It polls <c>/api/status</c> every 250 ms, shows the video from <c>/stream.mjpeg</c>, and
/// tears the session down when the page is closed (<c>navigator.sendBeacon</c> on <c>pagehide</c>; the server also
/// notices the video request closing). Element ids are what the browser tests use.
/// </summary>
public static class PlayerPage
{
    public const string Html = """
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>rtsp-ref player</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 16px; background: #f4f4f4; color: #222; }
  #video { display: block; background: #000; min-width: 320px; min-height: 240px; }
  .bar { display: flex; gap: 8px; align-items: center; margin: 8px 0; }
  button { padding: 6px 14px; font-size: 15px; }
  #seek { width: 480px; }
  #state { font-weight: bold; padding: 2px 8px; border-radius: 4px; background: #ddd; }
  #state[data-state="PLAYING"] { background: #b8e6b8; }
  #state[data-state="READY"] { background: #f2e2a8; }
  #state[data-state="FINISHED"] { background: #e6b8b8; }
  #error { color: #fff; background: #b00020; padding: 6px 10px; border-radius: 4px; }
  #error:empty { display: none; }
  #stats td { padding: 1px 10px 1px 0; font-variant-numeric: tabular-nums; }
  .hint { color: #666; font-size: 13px; }
</style>
</head>
<body>
<h1 style="font-size:18px">rtsp-ref player <span class="hint" id="url"></span></h1>
<div id="error" role="alert"></div>
<img id="video" alt="video">
<div class="bar">
  <button id="play" type="button">Play</button>
  <button id="pause" type="button">Pause</button>
  <button id="teardown" type="button">Teardown</button>
  <span id="state" data-state="INIT">INIT</span>
  <span id="transport" class="hint"></span>
</div>
<div class="bar">
  <input id="seek" type="range" min="0" max="0" step="0.04" value="0" disabled aria-label="position">
  <span><span id="position">0.0</span> / <span id="duration">live</span> s</span>
  <span id="ended" class="hint"></span>
</div>
<table id="stats">
  <tr><td>frames</td><td id="stat-frames">0</td><td>incomplete</td><td id="stat-incomplete">0</td></tr>
  <tr><td>fps</td><td id="stat-fps">0</td><td>bitrate</td><td id="stat-bitrate">0 kbit/s</td></tr>
  <tr><td>loss</td><td id="stat-loss">0</td><td>jitter</td><td id="stat-jitter">0 ms</td></tr>
</table>
<p class="hint">Space = play/pause. Closing this page tears the session down.</p>
<script>
"use strict";
const $ = id => document.getElementById(id);
let status = null, dragging = false, busy = false;

async function command(path) {
  busy = true;
  try {
    const response = await fetch(path, { method: "POST" });
    const body = await response.json();
    if (!response.ok) { $("error").textContent = body.error || ("HTTP " + response.status); return; }
    render(body);
  } catch (e) {
    $("error").textContent = "The player process does not answer: " + e;
  } finally { busy = false; }
}

function render(s) {
  status = s;
  $("url").textContent = s.url;
  $("state").textContent = s.state;
  $("state").dataset.state = s.state;
  $("transport").textContent = s.transport ? "over " + s.transport + (s.sessionId ? ", session " + s.sessionId : "") : "";
  $("error").textContent = s.error || s.warning || "";
  $("play").disabled = s.state === "PLAYING";
  $("pause").disabled = s.state !== "PLAYING";
  $("teardown").disabled = !(s.state === "READY" || s.state === "PLAYING");
  const seekable = s.live === false && (s.state === "READY" || s.state === "PLAYING");
  $("seek").disabled = !seekable;
  $("duration").textContent = s.live === null ? "–" : s.live ? "live" : s.duration.toFixed(1);
  if (s.live === false) { $("seek").max = s.duration; }
  if (!dragging) {
    const p = s.position ?? 0;
    $("position").textContent = p.toFixed(1);
    $("seek").value = p;
  }
  $("ended").textContent = s.ended ? "end of stream" : "";
  const t = s.statistics;
  $("stat-frames").textContent = t.frames;
  $("stat-incomplete").textContent = t.incompleteFrames;
  $("stat-fps").textContent = t.fps.toFixed(1);
  $("stat-bitrate").textContent = t.bitrateKbps.toFixed(0) + " kbit/s";
  $("stat-loss").textContent = t.lossPercent.toFixed(2) + " % (" + t.lostPackets + " packets)";
  $("stat-jitter").textContent = t.jitterMilliseconds.toFixed(2) + " ms";
}

async function poll() {
  try {
    const response = await fetch("/api/status", { cache: "no-store" });
    if (!busy) { render(await response.json()); }
  } catch (e) {
    $("error").textContent = "The player process does not answer: " + e;
  }
  setTimeout(poll, 250);
}

function togglePlay() {
  if (!status) { return; }
  command(status.state === "PLAYING" ? "/api/pause" : "/api/play");
}

$("play").addEventListener("click", () => command("/api/play"));
$("pause").addEventListener("click", () => command("/api/pause"));
$("teardown").addEventListener("click", () => command("/api/teardown"));
$("seek").addEventListener("input", () => { dragging = true; $("position").textContent = Number($("seek").value).toFixed(1); });
$("seek").addEventListener("change", async () => {
  await command("/api/seek?position=" + encodeURIComponent($("seek").value));
  dragging = false;
});
document.addEventListener("keydown", e => {
  if (e.code !== "Space" || e.repeat) { return; }
  e.preventDefault();
  togglePlay();
});
// A focused button would also "click" on space: the handler above already acted.
document.addEventListener("keyup", e => { if (e.code === "Space") { e.preventDefault(); } });
window.addEventListener("pagehide", () => navigator.sendBeacon("/api/teardown"));
// The MJPEG response never ends: set it after the page's load event, or "load" would wait for it forever.
window.addEventListener("load", () => { $("video").src = "/stream.mjpeg"; });
poll();
</script>
</body>
</html>
""";
}
