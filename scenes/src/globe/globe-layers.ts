// The district on Cesium's globe: the ground image (surface classes + flood in the four depth classes) on a
// rectangle over the terrain's extent, buildings extruded in one batched primitive, closed roads as magenta lines,
// and markers and trucks as tinted billboards that carry their Picked id for picking.
import {
  BillboardCollection,
  Cartesian2,
  Cartesian3,
  Color,
  ColorGeometryInstanceAttribute,
  DistanceDisplayCondition,
  GeometryInstance,
  HorizontalOrigin,
  LabelCollection,
  LabelStyle,
  Material,
  MaterialAppearance,
  PerInstanceColorAppearance,
  PolygonGeometry,
  PolygonHierarchy,
  PolylineCollection,
  Primitive,
  Rectangle,
  RectangleGeometry,
  TextureMagnificationFilter,
  VerticalOrigin,
  type Billboard,
  type CesiumWidget,
} from 'cesium';
import type { DistrictData } from '../data/district-data.ts';
import type { Picked } from '../store/app-store.ts';
import { CLOSED_ROAD_COLOUR } from '../scene/marker-colours.ts';
import { MARK_SHAPE, terrainRect, type Mark, type MarkShape, type Prism } from './globe-marks.ts';
import type { XY } from '../scene/ground.ts';

/** Heights (m above the ellipsoid) the layers are drawn at, so the ground never fights the globe's surface. */
const GROUND_M = 1;
const CLOSED_ROAD_M = 3;
/** Icon sizes (CSS px) of assets and cases, and of trucks. */
export const ASSET_ICON_PX = 20;
export const TRUCK_ICON_PX = 26;

/**
 * The icon of a marker shape: filled white (tinted by the billboard's colour; `fill` for the key) with a dark outline
 * that tinting leaves dark.
 */
export function markIcon(shape: MarkShape, fill = '#ffffff'): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = c.height = 32;
  const g = c.getContext('2d')!;
  g.fillStyle = fill;
  g.strokeStyle = '#111827';
  g.lineWidth = 3;
  g.beginPath();
  if (shape === 'circle') g.arc(16, 16, 12, 0, Math.PI * 2);
  else if (shape === 'square') g.rect(5, 5, 22, 22);
  else if (shape === 'diamond') {
    g.moveTo(16, 3);
    g.lineTo(29, 16);
    g.lineTo(16, 29);
    g.lineTo(3, 16);
    g.closePath();
  } else if (shape === 'pin') {
    // A map pin: round head, point down at the place.
    g.arc(16, 12, 9, Math.PI * 0.8, Math.PI * 2.2);
    g.lineTo(16, 30);
    g.closePath();
  } else {
    // A truck from the side: tank body and cab, on two wheels.
    g.rect(2, 9, 19, 14);
    g.rect(21, 13, 9, 10);
  }
  g.fill();
  g.stroke();
  if (shape === 'truck') {
    g.fillStyle = '#111827';
    for (const x of [8, 24]) {
      g.beginPath();
      g.arc(x, 25, 4, 0, Math.PI * 2);
      g.fill();
    }
  }
  return c;
}

/** Everything drawn of the district; update it from the store and the clock. */
export class GlobeLayers {
  readonly buildings: Primitive;
  private readonly ground: Primitive;
  private readonly groundMaterial: Material;
  private readonly canvases: [HTMLCanvasElement, HTMLCanvasElement];
  private shownCanvas = 0;
  private readonly closed = new PolylineCollection();
  private readonly assets = new BillboardCollection();
  private readonly trucks = new BillboardCollection();
  private readonly names = new LabelCollection();
  private readonly icons = new Map<string, HTMLCanvasElement>();
  private selected: Picked | null = null;

  constructor(
    private readonly viewer: CesiumWidget,
    district: DistrictData,
    prisms: readonly Prism[],
  ) {
    const t = district.terrain;
    const r = terrainRect(district.frame, t);
    // Two canvases, swapped on each redraw: Cesium uploads a canvas again only when the uniform's object changes.
    this.canvases = [0, 1].map(() => {
      const c = document.createElement('canvas');
      c.width = t.nx;
      c.height = t.ny;
      return c;
    }) as [HTMLCanvasElement, HTMLCanvasElement];
    // Nearest when magnified: each 5 m ground pixel keeps its class edge, as a map should (no blur between classes).
    this.groundMaterial = new Material({
      fabric: { type: 'Image', uniforms: { image: this.canvases[0] } },
      magnificationFilter: TextureMagnificationFilter.NEAREST,
    });
    this.ground = new Primitive({
      geometryInstances: new GeometryInstance({
        geometry: new RectangleGeometry({
          rectangle: Rectangle.fromDegrees(r.west, r.south, r.east, r.north),
          height: GROUND_M,
          vertexFormat: MaterialAppearance.MaterialSupport.TEXTURED.vertexFormat,
        }),
      }),
      appearance: new MaterialAppearance({
        material: this.groundMaterial,
        materialSupport: MaterialAppearance.MaterialSupport.TEXTURED,
        flat: true,
        translucent: false,
      }),
      allowPicking: false,
    });
    this.buildings = new Primitive({
      geometryInstances: prisms.map(
        (p) =>
          new GeometryInstance({
            id: p.id,
            geometry: new PolygonGeometry({
              polygonHierarchy: new PolygonHierarchy(
                degrees(p.rings[0]),
                p.rings.slice(1).map((h) => new PolygonHierarchy(degrees(h))),
              ),
              height: GROUND_M + p.minM,
              extrudedHeight: GROUND_M + p.heightM,
              vertexFormat: PerInstanceColorAppearance.VERTEX_FORMAT,
            }),
            attributes: { color: ColorGeometryInstanceAttribute.fromColor(Color.fromCssColorString(p.colour)) },
          }),
      ),
      appearance: new PerInstanceColorAppearance({ translucent: false, closed: true }),
      allowPicking: false,
    });
    // The district's name where it is, once the camera is too far out to read the district itself.
    this.names.add({
      position: Cartesian3.fromDegrees((r.west + r.east) / 2, (r.south + r.north) / 2, 0),
      text: `${district.info.name}\n${district.info.nameEn}`,
      font: '600 16px "Noto Sans CJK SC", sans-serif',
      fillColor: Color.WHITE,
      outlineColor: Color.fromCssColorString('#0f3d66'),
      outlineWidth: 4,
      style: LabelStyle.FILL_AND_OUTLINE,
      pixelOffset: new Cartesian2(0, -34),
      verticalOrigin: VerticalOrigin.BOTTOM,
      horizontalOrigin: HorizontalOrigin.CENTER,
      distanceDisplayCondition: new DistanceDisplayCondition(25_000, Number.POSITIVE_INFINITY),
      disableDepthTestDistance: Number.POSITIVE_INFINITY,
    });
    const prims = viewer.scene.primitives;
    for (const p of [this.ground, this.buildings, this.closed, this.assets, this.trucks, this.names]) prims.add(p);
    for (const s of ['circle', 'square', 'diamond', 'pin', 'truck'] as const) this.icons.set(s, markIcon(s));
  }

  /** Draws the ground image (RGBA, the terrain's size, rows north to south). */
  setGround(rgba: Uint8ClampedArray): void {
    this.shownCanvas = 1 - this.shownCanvas;
    const c = this.canvases[this.shownCanvas];
    const img = new ImageData(new Uint8ClampedArray(rgba), c.width, c.height);
    c.getContext('2d')!.putImageData(img, 0, 0);
    this.groundMaterial.uniforms.image = c;
    this.viewer.scene.requestRender();
  }

  /** The closed roads (lines in degrees). */
  setClosedRoads(lines: readonly XY[][]): void {
    this.closed.removeAll();
    const colour = Color.fromCssColorString(CLOSED_ROAD_COLOUR);
    // A material per line: a line destroys its material when removed, so a shared one would be destroyed twice.
    for (const l of lines)
      this.closed.add({
        positions: Cartesian3.fromDegreesArrayHeights(l.flatMap((p) => [p[0], p[1], CLOSED_ROAD_M])),
        width: 4,
        material: Material.fromType('Color', { color: colour }),
      });
    this.viewer.scene.requestRender();
  }

  /** Sensors, pump stations, hotspots, depots and cases. */
  setAssets(marks: readonly Mark[]): void {
    this.place(this.assets, marks, ASSET_ICON_PX);
  }

  /** The trucks where the clock puts them. */
  setTrucks(marks: readonly Mark[]): void {
    this.place(this.trucks, marks, TRUCK_ICON_PX);
  }

  /** Draws the selected marker larger (the selection is the store's, shared with the 3D view). */
  setSelected(p: Picked | null): void {
    this.selected = p;
    for (const coll of [this.assets, this.trucks])
      for (let i = 0; i < coll.length; i++) {
        const b = coll.get(i);
        b.scale = this.isSelected(b) ? 1.6 : 1;
      }
    this.viewer.scene.requestRender();
  }

  /** Shows or hides layers as the legend's switches say. */
  setShown(s: { buildings: boolean; roads: boolean; markers: boolean; trucks: boolean }): void {
    this.buildings.show = s.buildings;
    this.closed.show = s.roads;
    this.assets.show = s.markers;
    this.trucks.show = s.trucks;
    this.viewer.scene.requestRender();
  }

  /** The markers drawn now (for the test hooks). */
  drawn(): Picked[] {
    return [this.assets, this.trucks].flatMap((c) =>
      c.show ? Array.from({ length: c.length }, (_, i) => c.get(i).id as Picked) : [],
    );
  }

  /** Where a marker is drawn (for the test hooks' screen positions). */
  positionOf(m: Mark): Cartesian3 {
    return Cartesian3.fromDegrees(m.lon, m.lat, GROUND_M + m.heightM);
  }

  private isSelected(b: Billboard): boolean {
    const id = b.id as Picked | undefined;
    return !!this.selected && id?.kind === this.selected.kind && id.id === this.selected.id;
  }

  /** Reuses billboards where it can (trucks move every frame), adding or removing only the difference. */
  private place(coll: BillboardCollection, marks: readonly Mark[], sizePx: number): void {
    while (coll.length > marks.length) coll.remove(coll.get(coll.length - 1));
    marks.forEach((m, i) => {
      const shape = MARK_SHAPE[m.kind];
      // Fresh values: a setter given its own object back sees no change and would not redraw.
      const position = Cartesian3.fromDegrees(m.lon, m.lat, GROUND_M + m.heightM);
      const b =
        i < coll.length
          ? coll.get(i)
          : coll.add({
              position,
              verticalOrigin: VerticalOrigin.CENTER,
              disableDepthTestDistance: Number.POSITIVE_INFINITY,
              width: sizePx,
              height: sizePx,
            });
      if ((b.id as Picked | undefined)?.kind !== m.kind) {
        b.setImage(`rt-${shape}`, this.icons.get(shape)!);
        b.verticalOrigin = shape === 'pin' ? VerticalOrigin.BOTTOM : VerticalOrigin.CENTER;
      }
      b.id = { kind: m.kind, id: m.id } satisfies Picked;
      b.position = position;
      b.color = Color.fromCssColorString(m.colour);
      b.scale = this.isSelected(b) ? 1.6 : 1;
    });
    this.viewer.scene.requestRender();
  }
}

function degrees(ring: readonly XY[]): Cartesian3[] {
  return Cartesian3.fromDegreesArray(ring.flatMap((p) => [p[0], p[1]]));
}
