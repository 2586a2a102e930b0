#!/usr/bin/env python3
"""Generate the Pinpoint body-map geometry (front and back view).

Usage:
    python3 tools/body-map/draw.py                 # writes body-map-shapes.json
    python3 tools/body-map/draw.py --preview DIR   # also writes DIR/front.html, DIR/back.html

Standard library only. Each view has its own coordinate system (viewBox 0 0 200 460),
figure centred on x = 100, head top at y = 8, soles near y = 450.

How the drawing is built
------------------------
* Everything is drawn for the VIEWER-LEFT half (x < 100) and mirrored about x = 100.
  Front view: the viewer-left half is the person's RIGHT side.
  Back view:  the viewer-left half is the person's LEFT side.
* Long outline curves (head, shoulder-arm, torso-leg, ...) are Catmull-Rom splines through
  a few control points, sampled densely. Most of them are monotonic in y, so a piece of a
  curve is cut out by two y values (cut(curve, y0, y1)). Neighbouring regions use the same
  pieces, so they share their edges exactly.
* A region is a closed polygon made of such pieces plus a few inner boundary points.
* Midline regions are drawn as a half (from a midline point round the viewer-left side
  back to the midline) and closed with the mirrored half.
"""
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
REGIONS_JSON = os.path.join(ROOT, "src", "Pinpoint.Core", "Anatomy", "Data", "body-regions.json")
OUT_JSON = os.path.join(ROOT, "src", "Pinpoint.Web", "Features", "BodyMap", "body-map-shapes.json")
VIEWBOX = "0 0 200 460"
CX = 100.0  # mirror axis


# ----------------------------------------------------------------------------
# Geometry helpers
# ----------------------------------------------------------------------------

def spline(pts, n=6):
    """Open Catmull-Rom spline through pts, n samples per segment (endpoints kept exactly)."""
    pts = [tuple(map(float, p)) for p in pts]
    ext = [pts[0]] + pts + [pts[-1]]
    out = [pts[0]]
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
        for k in range(1, n + 1):
            t = k / n
            t2, t3 = t * t, t * t * t
            out.append(tuple(
                0.5 * (2 * p1[j] + (-p0[j] + p2[j]) * t
                       + (2 * p0[j] - 5 * p1[j] + 4 * p2[j] - p3[j]) * t2
                       + (-p0[j] + 3 * p1[j] - 3 * p2[j] + p3[j]) * t3)
                for j in (0, 1)))
        out[-1] = p2  # exact control point
    return out


def param_at_y(curve, y):
    """Fractional index where the polyline first reaches height y."""
    for i in range(len(curve) - 1):
        (x0, y0), (x1, y1) = curve[i], curve[i + 1]
        if (y0 - y) * (y1 - y) <= 0 and y0 != y1:
            return i + (y - y0) / (y1 - y0)
        if y0 == y:
            return float(i)
    if abs(curve[-1][1] - y) < 1e-9:
        return float(len(curve) - 1)
    raise ValueError("y=%s outside curve %s..%s" % (y, curve[0], curve[-1]))


def point_at(curve, s):
    i = min(int(math.floor(s)), len(curve) - 2)
    f = s - i
    (x0, y0), (x1, y1) = curve[i], curve[i + 1]
    return (x0 + (x1 - x0) * f, y0 + (y1 - y0) * f)


def at_y(curve, y):
    """Point of the curve at height y."""
    return point_at(curve, param_at_y(curve, y))


def cut(curve, ya, yb):
    """Piece of a (y-monotonic) curve from height ya to height yb, in that order."""
    sa, sb = param_at_y(curve, ya), param_at_y(curve, yb)
    lo, hi = min(sa, sb), max(sa, sb)
    pts = [point_at(curve, lo)]
    pts += [curve[i] for i in range(int(math.floor(lo)) + 1, int(math.ceil(hi)))]
    pts.append(point_at(curve, hi))
    return pts if sa <= sb else pts[::-1]


def mirror(pts):
    return [(2 * CX - x, y) for x, y in pts]


def rev(pts):
    return list(pts)[::-1]


def join(*parts):
    """Concatenate point lists, dropping consecutive duplicates."""
    out = []
    for part in parts:
        for p in part:
            p = (float(p[0]), float(p[1]))
            if not out or math.hypot(p[0] - out[-1][0], p[1] - out[-1][1]) > 1e-6:
                out.append(p)
    if len(out) > 1 and math.hypot(out[0][0] - out[-1][0], out[0][1] - out[-1][1]) < 1e-6:
        out.pop()
    return out


def sym(half):
    """Close a midline half-shape (midline point -> viewer-left side -> midline point)."""
    return join(half, rev(mirror(half)))


def digits(specs, notches, n=8):
    """Row of fingers/toes. specs: (x0, x1, y_tip) per digit, left to right; the tip is a
    half circle of radius (x1 - x0) / 2. notches: y of the cleft between neighbouring digits.
    Returns the outline from the start of the first tip arc to the end of the last one."""
    out = []
    for i, (x0, x1, ytip) in enumerate(specs):
        r = (x1 - x0) / 2
        if i > 0:
            out.append((x0, notches[i - 1]))
        out += [(x0 + r - r * math.cos(math.pi * k / n), ytip - r + r * math.sin(math.pi * k / n))
                for k in range(n + 1)]
        if i < len(specs) - 1:
            out.append((x1, notches[i]))
    return out


def simplify(pts, eps=0.08):
    """Ramer-Douglas-Peucker on a closed polygon (keeps the look, trims the JSON)."""
    def rdp(seg):
        if len(seg) < 3:
            return seg
        (ax, ay), (bx, by) = seg[0], seg[-1]
        dx, dy = bx - ax, by - ay
        L = math.hypot(dx, dy) or 1e-9
        best, idx = -1.0, 0
        for i in range(1, len(seg) - 1):
            d = abs(dy * seg[i][0] - dx * seg[i][1] + bx * ay - by * ax) / L
            if d > best:
                best, idx = d, i
        if best > eps:
            return rdp(seg[:idx + 1])[:-1] + rdp(seg[idx:])
        return [seg[0], seg[-1]]
    # split the ring at its two farthest-apart-ish points (0 and the middle)
    m = len(pts) // 2
    a = rdp(pts[:m + 1])
    b = rdp(pts[m:] + [pts[0]])
    return a[:-1] + b[:-1]


def fmt(v):
    s = "%.1f" % v
    if s.endswith(".0"):
        s = s[:-2]
    return "0" if s == "-0" else s


def to_path(pts):
    pts = simplify(pts)
    out, last = [], None
    for x, y in pts:
        p = (fmt(x), fmt(y))
        if p != last:
            out.append(p)
            last = p
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return "M" + " L".join("%s %s" % p for p in out) + " Z"


def centroid(pts):
    a = cx = cy = 0.0
    for i in range(len(pts)):
        x0, y0 = pts[i]
        x1, y1 = pts[(i + 1) % len(pts)]
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if abs(a) < 1e-9:
        return pts[0]
    return (cx / (3 * a), cy / (3 * a))


# ----------------------------------------------------------------------------
# Shared outline curves (viewer-left half). All run top -> bottom.
# ----------------------------------------------------------------------------

# Head side: crown -> temple -> (behind the ear) -> jaw angle -> chin.
HEAD = spline([(100, 8), (91, 9.4), (85, 12.8), (81.8, 19.5), (80.8, 26.5), (80.6, 33),
               (80.9, 39), (81.8, 45), (83.6, 48.8), (86.6, 52.2), (90.6, 55.2),
               (95, 57.3), (100, 58)])

# Ear: bulges out from the head between y = 30 and y = 45.
EAR = spline([at_y(HEAD, 30), (78.6, 28.2), (76.1, 29.4), (75, 33.5), (75.4, 38.5),
              (76.9, 42.8), (79.3, 45.7), at_y(HEAD, 45)])

# Side of the neck: leaves the jaw line at y = 53.5 and meets the shoulder slope.
NECK_TOP = at_y(HEAD, 53.5)
NECK = spline([NECK_TOP, (87.4, 60), (87, 67), (86, 72), (84, 75)])

# Shoulder slope + deltoid cap + outer arm, down to the outer wrist.
SHOULDER_ARM = spline([(84, 75), (78, 77.6), (70, 80.3), (62, 83.8), (55, 87.3), (50.3, 92.5),
                       (47.5, 100), (46.3, 109), (46, 118), (44.2, 138), (41.7, 158),
                       (39.5, 172), (37.3, 186), (34.8, 205), (32.2, 224), (30.5, 236),
                       (29.6, 246)])

# Armpit and inner arm, down to the inner wrist.
AXILLA = (64.5, 118)
ARM_IN = spline([AXILLA, (62.8, 130), (60.2, 150), (57.2, 168), (55.2, 180), (51.5, 198),
                 (47.2, 218), (44, 233), (43, 246)])

# Hand (viewer-left hand; thumb on the outer side as in the anatomical position).
THUMB = spline([(29.6, 246), (26.4, 250.5), (23.6, 256.5), (22, 263), (21.8, 269),
                (23.3, 272.6), (25.6, 271.2), (27, 266.5), (28, 261)], 4)
HAND_IN = spline([(43, 246), (42.5, 257), (41.7, 268), (41.3, 276), (41.3, 283.3)], 4)
FINGER_BASE = [(27.4, 265.5), (34.3, 266.8), at_y(HAND_IN, 268)]
FINGER_OUT = spline([(27.4, 265.5), (26.6, 274), (26.1, 285.5)], 4)
# index, middle, ring, little finger (x from, x to, tip y) and the clefts between them
FINGER_TIPS = digits([(26.1, 30.1, 287.5), (30.1, 34.1, 290.2), (34.1, 37.9, 288.8), (37.9, 41.3, 285)],
                     [281, 281.6, 280.2])

# Torso side + outer leg, from the armpit to the outer ankle.
TORSO_LEG = spline([AXILLA, (65.5, 135), (68, 155), (70.5, 172), (69.8, 185), (67.5, 196),
                    (63.8, 211), (62.6, 228), (63, 252), (64.5, 280), (67, 305), (68.6, 320),
                    (69.1, 335), (68.4, 350), (67.7, 363), (69.6, 385), (72.8, 405), (73.6, 418)])

# Inner leg from the crotch to the inner ankle.
CROTCH = (100, 236)
LEG_IN = spline([CROTCH, (98.6, 245), (97, 262), (95, 290), (93, 318), (91.6, 333), (91, 348),
                 (91.9, 362), (90.2, 382), (86.4, 405), (85.6, 418)])

# Front foot (seen from the front, toes towards the viewer, big toe medial).
FOOT_OUT = spline([(73.6, 418), (71, 425), (67.8, 432), (65.6, 439.5), (64.9, 446.3)], 4)
FOOT_IN = spline([(85.6, 418), (87.4, 424), (89.6, 431), (91, 438.5), (91.3, 448.6)], 4)
TOE_SPLIT = (83.6, 441.6)      # top of the cleft between the big toe and the other toes
TOE_NOTCH = (83.6, 446.6)      # bottom of that cleft
# little toe .. second toe, then the big toe
LESSER_TOE_TIPS = digits([(64.9, 69.3, 448.5), (69.3, 73.8, 449.8), (73.8, 78.6, 450.7), (78.6, 83.6, 451.5)],
                         [445.6, 446.2, 446.6])
BIG_TOE_TIP = digits([(83.6, 91.3, 452.5)], [])

# Back view: soles stacked under the heel (heel, arch, ball), seen from below/behind.
SOLE_OUT = spline([at_y(TORSO_LEG, 402), (70.6, 409), (69.6, 416), (70.4, 423), (72.4, 429),
                   (72.6, 436), (70.6, 442), (69.8, 448.4)], 4)
SOLE_IN = spline([at_y(LEG_IN, 400), (88.8, 407), (89.6, 415), (88.4, 423), (85.6, 430),
                  (86, 436), (89.2, 442), (90.6, 448.2)], 4)
# toe pads under the ball of the foot (outline only): little toe .. big toe
SOLE_TOES = digits([(69.8, 73.6, 452.2), (73.6, 77.6, 453.8), (77.6, 81.6, 454.6), (81.6, 90.6, 457.6)],
                   [449.6, 450.2, 450.6])


def silhouette_half(view):
    """Viewer-left half of the outline, from the crown (100, 8) to the crotch (100, 236)."""
    hand = join(THUMB, FINGER_OUT, FINGER_TIPS, rev(HAND_IN))
    if view == "front":
        foot = join(FOOT_OUT, LESSER_TOE_TIPS, BIG_TOE_TIP, rev(FOOT_IN))
        leg_out, leg_in = TORSO_LEG, LEG_IN
    else:
        foot = join(SOLE_OUT, SOLE_TOES, rev(SOLE_IN))
        leg_out, leg_in = cut(TORSO_LEG, 118, 402), cut(LEG_IN, 236, 400)
    return join(cut(HEAD, 8, 30), EAR, cut(HEAD, 45, 53.5), NECK, SHOULDER_ARM, hand,
                rev(ARM_IN), leg_out, foot, rev(leg_in))


def silhouette(view):
    return sym(silhouette_half(view))


# ----------------------------------------------------------------------------
# Arm pieces shared by both views (bands across the arm tube)
# ----------------------------------------------------------------------------

def arm_band(y0, y1):
    """Band of the arm between heights y0 and y1 (outer side and inner side cut at the same y)."""
    return join(cut(SHOULDER_ARM, y0, y1), cut(ARM_IN, y1, y0))


def split_arm_band(y0, y1, f, n=4):
    """The band of arm_band(y0, y1) cut lengthwise at fraction f of its width from the outer side:
    (outer part, inner part). The cut runs top -> bottom through n + 1 points."""
    line = []
    for k in range(n + 1):
        y = y0 + (y1 - y0) * k / n
        (xo, _), (xi, _) = at_y(SHOULDER_ARM, y), at_y(ARM_IN, y)
        line.append((xo + (xi - xo) * f, y))
    return join(cut(SHOULDER_ARM, y0, y1), rev(line)), join(line, cut(ARM_IN, y1, y0))


# Elbow band, forearm, wrist heights
Y_SHOULDER, Y_ELBOW0, Y_ELBOW1, Y_WRIST0, Y_HAND = 118, 162, 184, 232, 246


# ----------------------------------------------------------------------------
# FRONT view (viewer-left half = person's RIGHT)
# ----------------------------------------------------------------------------

def front_regions():
    half = {}   # base name -> viewer-left polygon
    mid = {}    # midline id -> full polygon

    # --- head / face -------------------------------------------------------
    temple_in = [(88.6, 16), (88.3, 25.5), (88.0, 30.5), (87.5, 34)]
    half["temple"] = join(temple_in, cut(HEAD, 34, 16.5))
    mid["forehead"] = sym([(100, 13), (94, 13.6), (88.6, 16), (88.3, 25.5), (93, 24.6),
                           (98, 25.9), (98.4, 30.5), (100, 31)])
    half["eyebrow"] = join([(88.3, 25.5), (93, 24.6), (98, 25.9), (98.4, 30.5), (93, 29.8), (88.0, 30.5)])
    half["eye"] = join([(88.0, 30.5), (93, 29.8), (98.4, 30.5), (98.6, 34.5), (97.2, 38.6),
                        (92, 39.3), (87.5, 38.6), (87.5, 34)])
    half["jaw"] = join([(87.5, 34), (87.5, 38.6), (87, 46.5)], cut(HEAD, 46.5, 34))      # TMJ
    half["cheek"] = join([(87.5, 38.6), (92, 39.3), (97.2, 38.6), (96.6, 44), (95, 49),
                          (91, 50.4), (87, 46.5)])
    half["lower-jaw"] = join([(87, 46.5), (91, 50.4), (95.4, 52.4), (100, 53)], cut(HEAD, 58, 46.5))
    half["ear"] = join(EAR, cut(HEAD, 45, 30))

    # --- neck --------------------------------------------------------------
    throat_top = at_y(HEAD, 56.5)
    throat_edge = [(95, 62), (95, 72), (95, 79)]
    mid["throat"] = sym(join(cut(HEAD, 58, 56.5), throat_edge, [(100, 80)]))
    half["side-of-neck"] = join([throat_top], throat_edge, rev(NECK), cut(HEAD, 53.5, 56.5))

    # --- shoulder -----------------------------------------------------------
    s1 = at_y(SHOULDER_ARM, 80.3)          # where the pectoral meets the deltoid (top)
    s2 = at_y(SHOULDER_ARM, 83.8)          # acromion
    delto_pec = spline([s1, (68.5, 95), (66.8, 108), AXILLA], 4)   # deltopectoral groove
    side_in = spline([s2, (59, 90.5), (56.2, 99), (55.6, 109), (55.6, Y_SHOULDER)], 4)  # front | side deltoid
    half["shoulder-front"] = join(cut(SHOULDER_ARM, 80.3, 83.8), side_in, rev(delto_pec))
    half["shoulder-side"] = join(cut(SHOULDER_ARM, 83.8, Y_SHOULDER), rev(side_in))

    # --- arm ---------------------------------------------------------------
    # upper arm: starts under both front-shoulder patches (side one ends at x = 55.6)
    half["upper-arm-front"] = join([(55.6, Y_SHOULDER)], arm_band(Y_SHOULDER, Y_ELBOW0)[::-1])
    # elbow: the crease (antecubital) on the outer part, the inner elbow (medial epicondyle) next to the body
    half["elbow-front"], half["elbow-inner"] = split_arm_band(Y_ELBOW0, Y_ELBOW1, 0.55)
    half["forearm-front"] = arm_band(Y_ELBOW1, Y_WRIST0)
    half["wrist-palm"] = arm_band(Y_WRIST0, Y_HAND)
    half["thumb"] = join(THUMB)
    half["palm"] = join([(29.6, 246), (28, 261)], FINGER_BASE, cut(HAND_IN, 268, 246))
    half["fingers"] = join(FINGER_BASE[:1], FINGER_OUT, FINGER_TIPS, cut(HAND_IN, 283.3, 268),
                           rev(FINGER_BASE))

    # --- chest --------------------------------------------------------------
    chest_line = spline([(95, 122), (82, 123.4), (71.5, 122)], 4)      # upper / lower chest
    side_edge = spline([(71.5, 122), (75, 138), (76.5, 157)], 4)        # chest side (serratus) inner edge
    costal = spline([(76.5, 157), (86.5, 149.5), (95, 138)], 4)             # costal margin
    mid["sternum"] = sym([(100, 80), (95, 79), (95, 100), (95, 122), (95, 138), (100, 144)])
    half["chest-upper"] = join([(95, 79), (84, 75)], cut(SHOULDER_ARM, 75, 80.3), delto_pec,
                               rev(chest_line), [(95, 100)])
    half["chest-lower"] = join(chest_line, side_edge[1:], costal)
    half["chest-side"] = join(cut(TORSO_LEG, 118, 160), rev(side_edge))

    # --- abdomen ------------------------------------------------------------
    navel_line = [(88, 176.6), (100, 177)]
    inguinal = spline([at_y(TORSO_LEG, 196), (76, 206), (88, 219), (96.5, 228.5), (100, 232)])
    mid["upper-abdomen"] = sym(join([(100, 144)], rev(costal), cut(TORSO_LEG, 160, 176), navel_line))
    half["lower-abdomen"] = join(rev(navel_line), cut(TORSO_LEG, 176, 196), inguinal)

    # --- hip, groin, thigh --------------------------------------------------
    hip_in = [(72.5, 252), (75, 228), (76, 206)]
    groin_low = [(75, 228), (83, 234.6), (89, 238.6), at_y(LEG_IN, 242)]
    half["hip-side"] = join(cut(TORSO_LEG, 196, 252), hip_in, cut(inguinal, 206, 196))
    half["groin"] = join(cut(inguinal, 206, 232), [CROTCH], rev(groin_low), hip_in[2:])
    thigh_b1 = spline([(72.5, 252), (73.4, 285), (74.5, 316)])     # outer | front
    thigh_b2 = spline([(89, 238.6), (88, 270), (86.6, 300), (86, 316)])  # front | inner
    half["thigh-outer"] = join(cut(TORSO_LEG, 252, 316), rev(thigh_b1))
    half["thigh-front"] = join(hip_in[:2], groin_low[1:3], thigh_b2,
                               rev(thigh_b1))
    half["thigh-inner"] = join(groin_low[2:], cut(LEG_IN, 242, 316), rev(thigh_b2))

    # --- knee ---------------------------------------------------------------
    knee_b1 = spline([(74.5, 316), (75, 333), (76, 350)])
    knee_b2 = spline([(86, 316), (85.8, 333), (86, 350)])
    half["knee-outer"] = join(cut(TORSO_LEG, 316, 350), rev(knee_b1))
    half["knee-front"] = join(knee_b1, rev(knee_b2))
    half["knee-inner"] = join(knee_b2, cut(LEG_IN, 350, 316))

    # --- lower leg, ankle, foot ---------------------------------------------
    # The ankle: the two malleoli side by side above the crease, the front of the ankle (the crease where
    # the shin meets the foot) as a band across the whole ankle below them.
    y_ankle, y_crease = 393, 410
    leg_b = spline([(76, 350), (76.6, 378), (77.6, 401)])            # outer | shin
    leg_b_top = cut(leg_b, 350, y_ankle)
    ankle_mid = (79.8, y_ankle - 0.5)                               # between the malleoli
    crease_mid = (79.8, y_crease - 1.4)
    crease_out = [at_y(TORSO_LEG, y_crease), (76.6, y_crease - 1), crease_mid]
    crease_in = [crease_mid, (83.2, y_crease - 1), at_y(LEG_IN, y_crease)]
    ankle_low = (79.8, 421.6)
    half["leg-outer"] = join(cut(TORSO_LEG, 350, y_ankle), rev(leg_b_top))
    half["shin"] = join(leg_b_top, [ankle_mid], cut(LEG_IN, y_ankle - 1, 350))
    half["ankle-outer"] = join(cut(TORSO_LEG, y_ankle, y_crease), crease_out[1:], [ankle_mid, leg_b_top[-1]])
    half["ankle-inner"] = join([ankle_mid], crease_in, cut(LEG_IN, y_crease, y_ankle - 1))
    half["ankle-front"] = join(crease_out, crease_in[1:], cut(LEG_IN, y_crease, 418), cut(FOOT_IN, 418, 423),
                               [ankle_low], cut(FOOT_OUT, 423, 418), cut(TORSO_LEG, 418, y_crease))
    half["foot-top"] = join([ankle_low], cut(FOOT_OUT, 423, 441), [TOE_SPLIT], cut(FOOT_IN, 441, 423))
    half["toes"] = join([at_y(FOOT_OUT, 441), TOE_SPLIT, TOE_NOTCH], LESSER_TOE_TIPS[::-1],
                        cut(FOOT_OUT, 446.3, 441))
    half["big-toe"] = join([TOE_SPLIT], cut(FOOT_IN, 441, 448.6), BIG_TOE_TIP[::-1], [TOE_NOTCH])
    return half, mid


# ----------------------------------------------------------------------------
# BACK view (viewer-left half = person's LEFT)
# ----------------------------------------------------------------------------

def back_regions():
    half, mid = {}, {}

    # --- head / neck --------------------------------------------------------
    crown_line = [at_y(HEAD, 20.5), (90, 22.3), (100, 22.8)]
    occiput = [at_y(HEAD, 49), (92, 50.2), (100, 51)]
    neck_base = [(84, 75), (92, 77.6), (100, 80)]
    mid["vertex"] = sym(join(cut(HEAD, 8, 20.5), crown_line[1:]))
    half["back-of-head"] = join(rev(crown_line), cut(HEAD, 20.5, 49), occiput[1:])
    half["back-of-neck"] = join(rev(occiput), cut(HEAD, 49, 53.5), NECK, neck_base[1:])

    # --- shoulder girdle ----------------------------------------------------
    trap_low = [(63.5, 90.5), (76, 87.6), (85, 86.2), (92, 85.2), (100, 84.8)]
    scap_lat = [AXILLA, (64.9, 104), (63.5, 90.5)]
    scap_med = [(85, 86.2), (86, 100), (85.4, 116), (80.5, 132)]
    half["upper-trapezius-ridge"] = join(rev(neck_base), cut(SHOULDER_ARM, 75, 83.8), trap_low)
    half["shoulder-back"] = join(cut(SHOULDER_ARM, 83.8, Y_SHOULDER), scap_lat)
    half["shoulder-blade"] = join(trap_low[:3], scap_med[1:], [(72, 128.2)],
                                  cut(TORSO_LEG, 124, 118), scap_lat[1:])
    half["interscapular"] = join(trap_low[2:], [(100, 135.5), (89, 135)], rev(scap_med))

    # --- arm ---------------------------------------------------------------
    half["upper-arm-back"] = arm_band(Y_SHOULDER, Y_ELBOW0)
    # elbow: the outer elbow (lateral epicondyle) on the outer half, the point of the elbow (olecranon) inside it
    half["elbow-outer"], half["elbow-back"] = split_arm_band(Y_ELBOW0, Y_ELBOW1, 0.5)
    half["forearm-back"] = arm_band(Y_ELBOW1, Y_WRIST0)
    half["wrist-back"] = arm_band(Y_WRIST0, Y_HAND)
    half["back-of-hand"] = join([(29.6, 246), (28, 261)], FINGER_BASE, cut(HAND_IN, 268, 246))

    # --- trunk --------------------------------------------------------------
    waist = [at_y(TORSO_LEG, 170), (100, 171)]
    crest = [at_y(TORSO_LEG, 196), (78, 193.6), (84.5, 191.6), (91, 190.6), (100, 190)]
    half["mid-back"] = join([(100, 135.5), (89, 135), (80.5, 132), (72, 128.2)],
                            cut(TORSO_LEG, 124, 170), waist[1:])
    half["low-back"] = join(rev(waist), cut(TORSO_LEG, 170, 196), crest[1:])

    # --- pelvis: sacrum, SI joints, coccyx, buttocks, perineum --------------
    sacrum_edge = [(91, 190.6), (93, 203), (96, 212), (100, 215)]
    mid["sacrum"] = sym([(100, 190)] + sacrum_edge)
    half["sacroiliac"] = join([(84.5, 191.6)], sacrum_edge[:2], [(91.4, 208.4), (87.6, 208.6), (85.2, 201)])
    coccyx_edge = [(100, 215), (96, 212), (95.4, 219), (100, 226.5)]
    mid["coccyx"] = sym(coccyx_edge)
    perineum_edge = [(100, 226.5), (96.3, 228.2), (95.4, 233), (96.8, 238.5)]
    mid["perineum"] = sym(join(perineum_edge, cut(LEG_IN, 240, 236)))
    split = [(95.4, 219), (84, 221.6), at_y(TORSO_LEG, 224)]
    fold = [at_y(LEG_IN, 252), (88, 254.6), (76, 254.2), at_y(TORSO_LEG, 251)]
    half["buttock-upper"] = join(cut(TORSO_LEG, 224, 196), crest[1:3], [(85.2, 201), (87.6, 208.6), (91.4, 208.4)],
                                 sacrum_edge[1:3], [(95.4, 219)], split[1:])
    half["buttock-lower"] = join(split[::-1], coccyx_edge[2:], perineum_edge[1:],
                                 cut(LEG_IN, 240, 252), fold[1:], cut(TORSO_LEG, 251, 224))

    # --- leg ----------------------------------------------------------------
    knee_top = spline([at_y(TORSO_LEG, 316), (80, 317.5), at_y(LEG_IN, 316)], 4)
    knee_low = spline([at_y(TORSO_LEG, 350), (80, 351.5), at_y(LEG_IN, 350)], 4)
    half["thigh-back"] = join(fold, cut(TORSO_LEG, 251, 316), knee_top[1:], cut(LEG_IN, 316, 252))
    half["knee-back"] = join(knee_top, cut(LEG_IN, 316, 350), knee_low[::-1][1:], cut(TORSO_LEG, 350, 316))
    heel_top = spline([at_y(TORSO_LEG, 402), (79.5, 402.6), at_y(LEG_IN, 400)], 4)
    # the back of the ankle (Achilles tendon): the narrow band between the calf and the heel
    achilles_top = spline([at_y(TORSO_LEG, 386), (79.5, 387), at_y(LEG_IN, 385)], 4)
    half["calf"] = join(knee_low, cut(LEG_IN, 350, 385), achilles_top[::-1][1:], cut(TORSO_LEG, 386, 350))
    half["ankle-back"] = join(achilles_top, cut(LEG_IN, 385, 400), heel_top[::-1][1:], cut(TORSO_LEG, 402, 386))

    # --- sole (heel, arch, ball of the foot) ---------------------------------
    heel_line = spline([at_y(SOLE_OUT, 425), (79.5, 426.4), at_y(SOLE_IN, 425)], 4)
    ball_line = spline([at_y(SOLE_OUT, 437.5), (79.5, 438.2), at_y(SOLE_IN, 437.5)], 4)
    toe_crease = [SOLE_TOES[-1], (86, 449.4), (79.5, 449.2), (74, 449.2), SOLE_TOES[0]]
    half["heel"] = join(heel_top, cut(SOLE_IN, 400, 425), heel_line[::-1][1:], cut(SOLE_OUT, 425, 402))
    half["arch"] = join(heel_line, cut(SOLE_IN, 425, 437.5), ball_line[::-1][1:], cut(SOLE_OUT, 437.5, 425))
    half["ball-of-foot"] = join(ball_line, cut(SOLE_IN, 437.5, 448.2), toe_crease[1:-1],
                                cut(SOLE_OUT, 448.4, 437.5))
    return half, mid


# ----------------------------------------------------------------------------
# Assemble, verify, write
# ----------------------------------------------------------------------------

def expand(view, half, mid):
    """Viewer-left halves -> sided ids. Front: viewer-left is the person's right."""
    near, far = ("right", "left") if view == "front" else ("left", "right")
    out = {}
    for base, poly in half.items():
        out["%s-%s" % (base, near)] = poly
        out["%s-%s" % (base, far)] = rev(mirror(poly))
    out.update(mid)
    return out


def build():
    polys = {}
    views = {}
    for view, fn in (("front", front_regions), ("back", back_regions)):
        regs = expand(view, *fn())
        for rid in regs:
            views[rid] = view
        polys.update(regs)
    return polys, views


def check(polys, views):
    with open(REGIONS_JSON, encoding="utf-8") as f:
        data = json.load(f)
    expected = {r["id"]: r for r in data["regions"]}
    errors = []
    missing = sorted(set(expected) - set(polys))
    extra = sorted(set(polys) - set(expected))
    if missing:
        errors.append("missing regions: %s" % ", ".join(missing))
    if extra:
        errors.append("unknown regions: %s" % ", ".join(extra))
    for rid, r in expected.items():
        if rid not in polys:
            continue
        if views[rid] != r["view"]:
            errors.append("%s drawn in %s view, expected %s" % (rid, views[rid], r["view"]))
        cx, _ = centroid(polys[rid])
        side = r["side"]
        # Front: person's left is at x > 100. Back: person's left is at x < 100.
        if side is not None:
            want_right_of_axis = (side == "left") == (r["view"] == "front")
            if (cx > CX) != want_right_of_axis:
                errors.append("%s is on the wrong side (centroid x=%.1f)" % (rid, cx))
        elif abs(cx - CX) > 0.5:
            errors.append("midline region %s is off-centre (x=%.1f)" % (rid, cx))
        if len(polys[rid]) < 3:
            errors.append("%s is degenerate" % rid)
    return errors


def write_preview(directory, polys, views, outlines):
    os.makedirs(directory, exist_ok=True)
    for view in ("front", "back"):
        ids = sorted(r for r in polys if views[r] == view)
        parts = ['<path d="%s" fill="#efe6dc" stroke="#6b5b4e" stroke-width="0.5"/>' % outlines[view]]
        labels = []
        for i, rid in enumerate(ids):
            hue = (i * 137.508) % 360
            parts.append('<path d="%s" fill="hsl(%d,70%%,82%%)" stroke="#333" stroke-width="0.25">'
                         '<title>%s</title></path>' % (to_path(polys[rid]), hue, rid))
            cx, cy = centroid(polys[rid])
            short = rid.replace("-left", " L").replace("-right", " R")
            labels.append('<text x="%.1f" y="%.1f" font-size="1.9" text-anchor="middle" '
                          'dominant-baseline="middle" font-family="sans-serif">%s</text>' % (cx, cy, short))
        html = ('<!doctype html><html><body style="margin:0;background:#fff">'
                '<svg xmlns="http://www.w3.org/2000/svg" viewBox="%s" width="800" height="1840">'
                '<text x="4" y="10" font-size="6" font-family="sans-serif">%s (%d regions)</text>%s%s</svg>'
                '</body></html>' % (VIEWBOX, view.upper(), len(ids), "".join(parts), "".join(labels)))
        with open(os.path.join(directory, view + ".html"), "w", encoding="utf-8") as f:
            f.write(html)


def main(argv):
    polys, views = build()
    errors = check(polys, views)
    if errors:
        for e in errors:
            print("ERROR:", e, file=sys.stderr)
        return 1
    with open(REGIONS_JSON, encoding="utf-8") as f:
        order = [r["id"] for r in json.load(f)["regions"]]
    outlines = {v: to_path(silhouette(v)) for v in ("front", "back")}
    doc = {
        "viewBox": VIEWBOX,
        "outline": outlines,
        "regions": {rid: to_path(polys[rid]) for rid in order},
    }
    os.makedirs(os.path.dirname(OUT_JSON), exist_ok=True)
    with open(OUT_JSON, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    counts = {v: sum(1 for r in views.values() if r == v) for v in ("front", "back")}
    print("wrote %s (%d regions: front %d, back %d)" % (OUT_JSON, len(order), counts["front"], counts["back"]))
    if "--preview" in argv:
        directory = argv[argv.index("--preview") + 1]
        write_preview(directory, polys, views, outlines)
        print("preview written to %s" % directory)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
