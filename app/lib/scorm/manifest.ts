/**
 * Reads a SCORM package's imsmanifest.xml (SCORM 1.2 and SCORM 2004 3rd/4th edition) into what
 * HọcSố plays: one launchable SCO, its title and mastery score. Pure (text in, verdict out); the
 * zip around it is package.ts's. Every refusal is one specific problem code.
 */
import { XMLParser } from "fast-xml-parser";

export type ScormStandard = "scorm12" | "scorm2004";
export type Sco = { identifier: string; title: string; href: string };
export type ScormManifest = {
  standard: ScormStandard;
  title: string;
  /** Path inside the package, with the item's parameters (query or fragment) appended. */
  launchHref: string;
  /** 0–100, or null when the package names none. */
  masteryScore: number | null;
  scos: Sco[];
  /** Manifest features that are accepted but have no effect here (shown by the dry run). */
  ignored: string[];
};

export const SCORM_ERROR_CODES = [
  "scorm.error.notZip",
  "scorm.error.tooBig",
  "scorm.error.zipBomb",
  "scorm.error.unsafePath",
  "scorm.error.nestedZip",
  "scorm.error.noManifest",
  "scorm.error.manifestXml",
  "scorm.error.schemaVersion",
  "scorm.error.noOrganization",
  "scorm.error.noSco",
  "scorm.error.multipleScos",
  "scorm.error.launchOutside",
  "scorm.error.launchMissing",
  "scorm.error.sequencing",
  "scorm.error.packageNotFound",
] as const;
export type ScormErrorCode = (typeof SCORM_ERROR_CODES)[number];
export type ScormProblem = { code: ScormErrorCode; params?: Record<string, string | number> };
export type ManifestResult = { ok: true; manifest: ScormManifest } | { ok: false; problem: ScormProblem };

/** Sequencing elements a single-SCO package may carry without changing how it plays. */
// Other children of imsss:sequencing (rules, rollup, limits, randomisation…) need a sequencer.
const HARMLESS_SEQUENCING = new Set(["controlMode", "deliveryControls", "objectives"]);

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  // Internal DTD entities are refused before parsing (billion laughs); none are expanded here.
  processEntities: true,
  htmlEntities: false,
  trimValues: true,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ["organization", "item", "resource", "file", "dependency"].includes(name),
});

const asNodes = (value: unknown): Node[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v): v is Node => typeof v === "object" && v !== null,
  );
const text = (value: unknown): string => {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return String(value);
  if (typeof value === "object" && value !== null && "#text" in value) return text((value as Node)["#text"]);
  return "";
};
const attr = (node: Node, name: string): string => text(node[`@_${name}`]);

/** "1.2" → SCORM 1.2; "2004 3rd/4th Edition" (and "CAM 1.3") → SCORM 2004; anything else is refused. */
export function standardOf(schemaVersion: string, xml: string): ScormStandard | null {
  const v = schemaVersion.trim().toLowerCase();
  if (v === "1.2") return "scorm12";
  if (v === "2004 3rd edition" || v === "2004 4th edition" || v === "cam 1.3") return "scorm2004";
  if (v !== "") return null;
  // Some tools leave out <schemaversion>; the adlcp namespace still tells the edition.
  if (xml.includes("adlcp_rootv1p2")) return "scorm12";
  if (/adlcp_v1p3|adlcp_rootv1p3/.test(xml)) return "scorm2004";
  return null;
}

/** A relative path inside the package, resolved against xml:base parts; null when it leaves the package. */
export function resolveInPackage(...parts: string[]): string | null {
  const joined = parts.filter(Boolean).join("/");
  if (/^[a-z][a-z0-9+.-]*:/i.test(joined) || joined.startsWith("/") || joined.includes("\\")) return null;
  const [pathPart] = joined.split(/[?#]/);
  const out: string[] = [];
  for (const segment of decodeURIComponentSafe(pathPart).split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(segment);
  }
  return out.length ? out.join("/") : null;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function withParameters(href: string, parameters: string): string {
  if (!parameters) return href;
  // SCORM CAM: parameters starting with ? or # are appended as they are; otherwise as a query.
  if (parameters.startsWith("#")) return `${href}${parameters}`;
  const query = parameters.replace(/^[?&]/, "");
  return `${href}${href.includes("?") ? "&" : "?"}${query}`;
}

/** Every item with a resource, depth first (the order a learner meets them). */
function leafItems(items: Node[]): Node[] {
  return items.flatMap((item) => [...(item["@_identifierref"] ? [item] : []), ...leafItems(asNodes(item.item))]);
}

function sequencingProblem(node: Node, where: string, ignored: Set<string>): ScormProblem | null {
  for (const sequencing of asNodes(node.sequencing)) {
    for (const child of Object.keys(sequencing)) {
      const unsupported =
        child === "@_IDRef" || (!child.startsWith("@_") && child !== "#text" && !HARMLESS_SEQUENCING.has(child));
      if (unsupported)
        return { code: "scorm.error.sequencing", params: { element: child.replace(/^@_/, ""), item: where } };
      if (child === "controlMode" || child === "deliveryControls") ignored.add(`imsss:${child}`);
    }
  }
  return null;
}

/** Every item of the tree, depth first. */
function allItems(items: Node[]): Node[] {
  return items.flatMap((item) => [item, ...allItems(asNodes(item.item))]);
}

/** The mastery score: SCORM 1.2 adlcp:masteryscore, SCORM 2004 the primary objective's minimum measure. */
function masteryOf(item: Node, standard: ScormStandard): number | null {
  if (standard === "scorm12") {
    const raw = text(item.masteryscore);
    const score = Number(raw);
    return raw !== "" && Number.isFinite(score) && score >= 0 && score <= 100 ? score : null;
  }
  for (const sequencing of asNodes(item.sequencing))
    for (const objectives of asNodes(sequencing.objectives))
      for (const primary of asNodes(objectives.primaryObjective)) {
        if (attr(primary, "satisfiedByMeasure") !== "true") continue;
        const measure = Number(text(primary.minNormalizedMeasure) || "1");
        if (Number.isFinite(measure) && measure >= -1 && measure <= 1) return Math.max(0, measure) * 100;
      }
  return null;
}

export function parseManifest(xml: string, files: ReadonlySet<string>): ManifestResult {
  const fail = (code: ScormErrorCode, params?: ScormProblem["params"]): ManifestResult => ({
    ok: false,
    problem: params ? { code, params } : { code },
  });
  if (/<!ENTITY/i.test(xml)) return fail("scorm.error.manifestXml", { reason: "<!ENTITY>" });
  let root: Node;
  try {
    const doc = parser.parse(xml, true) as Node;
    root = asNodes(doc.manifest)[0];
  } catch (error) {
    return fail("scorm.error.manifestXml", { reason: error instanceof Error ? error.message.split("\n")[0] : "" });
  }
  if (!root) return fail("scorm.error.manifestXml", { reason: "<manifest>" });
  const schemaVersion = text(asNodes(root.metadata)[0]?.schemaversion);
  const standard = standardOf(schemaVersion, xml);
  if (!standard) return fail("scorm.error.schemaVersion", { version: schemaVersion || "?" });

  const ignored = new Set<string>();
  const organizationsNode = asNodes(root.organizations)[0];
  const organizations = asNodes(organizationsNode?.organization);
  if (organizations.length === 0) return fail("scorm.error.noOrganization");
  const defaultId = organizationsNode ? attr(organizationsNode, "default") : "";
  const organization = organizations.find((o) => attr(o, "identifier") === defaultId) ?? organizations[0];
  if (organizations.length > 1) ignored.add("organizations");

  const resourcesNode = asNodes(root.resources)[0] ?? {};
  const resourcesBase = attr(resourcesNode, "base");
  const resources = new Map(asNodes(resourcesNode.resource).map((r) => [attr(r, "identifier"), r]));
  if (root.sequencingCollection !== undefined)
    return fail("scorm.error.sequencing", { element: "sequencingCollection", item: attr(organization, "identifier") });
  const orgProblem = sequencingProblem(organization, attr(organization, "identifier"), ignored);
  if (orgProblem) return { ok: false, problem: orgProblem };

  for (const item of allItems(asNodes(organization.item))) {
    const problem = sequencingProblem(item, attr(item, "identifier"), ignored);
    if (problem) return { ok: false, problem };
  }
  const scos: (Sco & { item: Node })[] = [];
  for (const item of leafItems(asNodes(organization.item))) {
    const resource = resources.get(attr(item, "identifierref"));
    if (!resource) continue;
    const type = (attr(resource, "scormtype") || attr(resource, "scormType")).toLowerCase();
    if (type !== "sco") continue;
    const rawHref = attr(resource, "href");
    const resolved = resolveInPackage(resourcesBase, attr(resource, "base"), rawHref);
    if (!resolved) return fail("scorm.error.launchOutside", { href: rawHref || "?" });
    if (!files.has(resolved)) return fail("scorm.error.launchMissing", { href: resolved });
    scos.push({
      identifier: attr(item, "identifier"),
      title: text(item.title) || attr(item, "identifier"),
      href: withParameters(resolved, attr(item, "parameters")),
      item,
    });
  }
  if (scos.length === 0) return fail("scorm.error.noSco");
  if (scos.length > 1) return fail("scorm.error.multipleScos", { count: scos.length });
  const [sco] = scos;
  if (text(sco.item.completionThreshold)) ignored.add("adlcp:completionThreshold");
  if (text(sco.item.timeLimitAction) || text(sco.item.maxtimeallowed)) ignored.add("time limits");
  return {
    ok: true,
    manifest: {
      standard,
      title: text(organization.title) || sco.title,
      launchHref: sco.href,
      masteryScore: masteryOf(sco.item, standard),
      scos: scos.map(({ identifier, title, href }) => ({ identifier, title, href })),
      ignored: [...ignored].sort(),
    },
  };
}
