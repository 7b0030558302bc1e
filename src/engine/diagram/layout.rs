//! Where every band and box of the diagram goes, measured once from the design; the
//! drawing only reads it, and the tests check its invariants without parsing SVG.

use crate::engine::application::{data_resource, DataResource};
use crate::engine::config::{Config, GatewayEndpoint, Nat, Service};

use super::{MAX_DRAWN_SERVICES, MAX_DRAWN_SUBNETS};

pub(super) const PAD: f64 = 20.0;
const GROUP_PAD: f64 = 16.0;
const COL_W: f64 = 224.0;
const COL_GAP: f64 = 16.0;
const LANE_W: f64 = 176.0;
const LANE_H: f64 = 40.0;
const INET_W: f64 = 160.0;
const BOX_H: f64 = 44.0;
const ARROW: f64 = 28.0;
const SVC_W: f64 = 190.0;
const SVC_H: f64 = 80.0;
/// The line a service box gains for its data access, when a drawn service has any.
pub(super) const DATA_LINE: f64 = 16.0;
const DIST_W: f64 = 250.0;
const DIST_H: f64 = 46.0;
const GRID_GAP: f64 = 12.0;
const ORIGIN_W: f64 = 300.0;
const NAT_H: f64 = 60.0;
/// Baseline distance between the notes under the legend.
pub(super) const NOTE_STEP: f64 = 18.0;

/// A rectangle on the canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// The horizontal middle.
    pub fn centre(&self) -> f64 {
        self.x + self.w / 2.0
    }

    /// The vertical middle.
    pub fn middle(&self) -> f64 {
        self.y + self.h / 2.0
    }

    /// Whether `inner` lies within this rectangle (edges may touch).
    pub fn contains(&self, inner: &Rect) -> bool {
        inner.x >= self.x
            && inner.y >= self.y
            && inner.right() <= self.right()
            && inner.bottom() <= self.bottom()
    }

    /// Whether the two share any area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }
}

/// What of the design is drawn: the first subnets and services up to the caps, each
/// gateway endpoint once, and the notes that say what is left out or uncertain.
pub(super) struct Drawn<'a> {
    pub subnets: usize,
    pub services: &'a [Service],
    pub distributions: Vec<&'a Service>,
    pub endpoints: Vec<GatewayEndpoint>,
    /// Per drawn service, the kinds of data it is given access to (S3, then DynamoDB) and
    /// whether its traffic takes that gateway endpoint (`false`: the NAT gateway).
    pub data: Vec<Vec<DataPath>>,
    pub notes: Vec<String>,
}

/// How a service reaches one kind of data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct DataPath {
    pub kind: GatewayEndpoint,
    pub via_endpoint: bool,
}

/// The kinds of data a service may use and how its traffic goes: through the gateway
/// endpoint when the design has it and, for a table, the table is in the design's region
/// (a gateway endpoint serves its own region only:
/// https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html); otherwise
/// through the NAT gateway.
fn data_paths(config: &Config, service: &Service) -> Vec<DataPath> {
    let mut paths: Vec<DataPath> = Vec::new();
    for kind in [GatewayEndpoint::S3, GatewayEndpoint::Dynamodb] {
        let resources = service
            .app
            .permissions
            .iter()
            .filter_map(|p| data_resource(&p.resource).ok())
            .filter(|r| r.endpoint() == kind);
        let mut any = false;
        let mut all_through_endpoint = true;
        for resource in resources {
            any = true;
            let same_region = match resource {
                DataResource::Bucket { .. } => true,
                DataResource::Table { region, .. } => region == config.region,
            };
            all_through_endpoint &= same_region;
        }
        if any {
            paths.push(DataPath {
                kind,
                via_endpoint: all_through_endpoint
                    && config.network.gateway_endpoints.contains(&kind),
            });
        }
    }
    paths
}

impl<'a> Drawn<'a> {
    pub fn new(config: &'a Config) -> Drawn<'a> {
        let net = &config.network;
        let subnets = net.subnets.len().min(MAX_DRAWN_SUBNETS);
        let services = &config.services[..config.services.len().min(MAX_DRAWN_SERVICES)];
        let mut endpoints: Vec<GatewayEndpoint> = Vec::new();
        for endpoint in &net.gateway_endpoints {
            if !endpoints.contains(endpoint) {
                endpoints.push(*endpoint);
            }
        }
        let mut notes: Vec<String> = Vec::new();
        if net.az_ids.is_none() {
            notes.push(
                "AZ names are likely, not certain: zone letters map to physical zones per account."
                    .into(),
            );
        }
        if net.subnets.len() > subnets {
            notes.push(format!(
                "{} more subnets not drawn.",
                net.subnets.len() - subnets
            ));
        }
        if config.services.len() > services.len() {
            notes.push(format!(
                "{} more services not drawn.",
                config.services.len() - services.len()
            ));
        }
        Drawn {
            subnets,
            services,
            distributions: services.iter().filter(|s| s.cloudfront.enabled).collect(),
            endpoints,
            data: services.iter().map(|s| data_paths(config, s)).collect(),
            notes,
        }
    }
}

/// Boxes of one size wrapped into rows across a width.
#[derive(Clone, Debug)]
struct Grid {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    per_row: usize,
    count: usize,
}

/// Every service box is as tall as the tallest needs: one more line when a drawn service
/// uses data.
fn service_height(drawn: &Drawn) -> f64 {
    if drawn.data.iter().any(|paths| !paths.is_empty()) {
        SVC_H + DATA_LINE
    } else {
        SVC_H
    }
}

impl Grid {
    /// As many boxes of at least `min_w` as fit a row, stretched to fill it.
    fn new(x: f64, y: f64, inner_width: f64, (min_w, h): (f64, f64), count: usize) -> Grid {
        let per_row = (((inner_width + GRID_GAP) / (min_w + GRID_GAP)).floor() as usize).max(1);
        let w = ((inner_width - GRID_GAP * (per_row - 1) as f64) / per_row as f64).max(min_w);
        Grid {
            x,
            y,
            w,
            h,
            per_row,
            count,
        }
    }

    fn height(&self) -> f64 {
        let rows = self.count.div_ceil(self.per_row);
        if rows == 0 {
            0.0
        } else {
            rows as f64 * (self.h + GRID_GAP) - GRID_GAP
        }
    }

    fn cell(&self, i: usize) -> Rect {
        let (row, col) = (i / self.per_row, i % self.per_row);
        Rect::new(
            self.x + col as f64 * (self.w + GRID_GAP),
            self.y + row as f64 * (self.h + GRID_GAP),
            self.w,
            self.h,
        )
    }
}

/// The position and size of every part of the diagram.
///
/// Columns, left to right: the region, the VPC, one column per Availability Zone, the
/// lane of gateways on the VPC's right edge, then the egress path up to the internet.
/// Rows, top to bottom: the internet, CloudFront, the region and VPC headers, the subnets
/// (with the VPC origin, the ALB and the services drawn across them), the NAT Gateway,
/// then the legend and notes.
#[derive(Clone, Debug)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    /// The x of the request path, down the gap between the first two AZ columns.
    pub spine: f64,
    /// The x of the egress path up to the internet, right of the region.
    pub egress_x: f64,
    pub internet: Rect,
    pub cloudfront: Rect,
    pub region: Rect,
    pub vpc: Rect,
    /// How many AZ columns (and subnets) are drawn.
    pub columns: usize,
    /// The VPC origin and the ALB, drawn only when there is a service.
    pub vpc_origin: Rect,
    pub alb: Rect,
    /// The band that holds the services.
    pub services: Rect,
    pub nat: Rect,
    /// The AZ columns that show a manual Elastic IP, each once, in the design's order.
    pub eip_columns: Vec<usize>,
    /// How many gateway endpoints are drawn down the lane on the VPC's right edge.
    pub endpoint_count: usize,
    pub egress_only_igw: Option<Rect>,
    pub igw: Rect,
    /// The baseline of the legend; the notes follow it [`NOTE_STEP`] apart.
    pub legend_y: f64,
    distribution_grid: Grid,
    service_grid: Grid,
    /// The left of the first AZ column.
    area_l: f64,
    /// The tops and bottoms of the AZ columns and of their subnets.
    col_top: f64,
    col_bottom: f64,
    sub_top: f64,
    sub_bottom: f64,
}

/// The layout of `config`'s diagram.
pub fn layout(config: &Config) -> Layout {
    Layout::new(config, &Drawn::new(config))
}

impl Layout {
    pub(super) fn new(config: &Config, drawn: &Drawn) -> Layout {
        let slots = drawn.subnets.max(2);
        let region_l = PAD;
        let vpc_l = region_l + GROUP_PAD;
        let area_l = vpc_l + GROUP_PAD;
        let area_w = slots as f64 * COL_W + (slots - 1) as f64 * COL_GAP;
        let area_r = area_l + area_w;
        let vpc_r = area_r + LANE_W / 2.0 + GROUP_PAD;
        let lane_l = vpc_r - LANE_W / 2.0;
        let region_r = vpc_r + LANE_W / 2.0 + GROUP_PAD;
        let egress_x = region_r + 20.0;
        let width = egress_x + PAD;
        let spine = area_l + COL_W + COL_GAP / 2.0;
        let band_l = area_l + 8.0;
        let band_w = area_w - 16.0;

        let inet_top = PAD + 30.0;
        let cf_top = inet_top + BOX_H + ARROW;
        let cf_grid = Grid::new(
            region_l + 12.0,
            cf_top + 32.0,
            region_r - region_l - 24.0,
            (DIST_W, DIST_H),
            drawn.distributions.len(),
        );
        let cf_bottom = cf_top + 32.0 + cf_grid.height().max(16.0) + 14.0;
        let region_top = cf_bottom + ARROW;
        let vpc_top = region_top + 46.0;
        let col_top = vpc_top + 48.0;
        let sub_top = col_top + 42.0;
        let origin_top = sub_top + 72.0;
        let alb_top = origin_top + BOX_H + 24.0;
        let group_top = alb_top + BOX_H + 24.0;
        let svc_grid = Grid::new(
            band_l + 12.0,
            group_top + 32.0,
            band_w - 24.0,
            (SVC_W, service_height(drawn)),
            drawn.services.len(),
        );
        let lane_items = drawn.endpoints.len() + usize::from(config.network.ipv6);
        let lane_needed = lane_items as f64 * (LANE_H + 10.0) + 6.0;
        let group_bottom =
            (group_top + 32.0 + svc_grid.height().max(16.0) + 14.0).max(group_top + lane_needed);
        let sub_bottom = group_bottom + 14.0;
        let nat_top = sub_bottom + 16.0;
        let col_bottom = nat_top + NAT_H + 10.0;
        let vpc_bottom = col_bottom + 14.0;
        let region_bottom = vpc_bottom + 16.0;
        let legend_y = region_bottom + 26.0;
        let height = legend_y + NOTE_STEP * drawn.notes.len() as f64 + PAD;

        let mut eip_columns: Vec<usize> = Vec::new();
        if let Nat::Manual { azs } = &config.network.nat {
            for az in azs {
                match usize::try_from(*az) {
                    Ok(index) if index < drawn.subnets && !eip_columns.contains(&index) => {
                        eip_columns.push(index)
                    }
                    _ => {}
                }
            }
        }
        let nat = Rect::new(band_l, nat_top, band_w, NAT_H);
        let lane_box = |i: usize| {
            Rect::new(
                lane_l,
                group_top + 6.0 + i as f64 * (LANE_H + 10.0),
                LANE_W,
                LANE_H,
            )
        };
        Layout {
            width,
            height,
            spine,
            egress_x,
            internet: Rect::new(spine - INET_W / 2.0, inet_top, INET_W, BOX_H),
            cloudfront: Rect::new(region_l, cf_top, region_r - region_l, cf_bottom - cf_top),
            region: Rect::new(
                region_l,
                region_top,
                region_r - region_l,
                region_bottom - region_top,
            ),
            vpc: Rect::new(vpc_l, vpc_top, vpc_r - vpc_l, vpc_bottom - vpc_top),
            columns: drawn.subnets,
            vpc_origin: Rect::new(spine - ORIGIN_W / 2.0, origin_top, ORIGIN_W, BOX_H),
            alb: Rect::new(band_l, alb_top, band_w, BOX_H),
            services: Rect::new(band_l, group_top, band_w, group_bottom - group_top),
            nat,
            eip_columns,
            endpoint_count: drawn.endpoints.len(),
            egress_only_igw: config.network.ipv6.then(|| lane_box(drawn.endpoints.len())),
            igw: Rect::new(lane_l, nat.middle() - LANE_H / 2.0, LANE_W, LANE_H),
            legend_y,
            distribution_grid: cf_grid,
            service_grid: svc_grid,
            area_l,
            col_top,
            col_bottom,
            sub_top,
            sub_bottom,
        }
    }

    /// The x of AZ column `i`.
    fn col_x(&self, i: usize) -> f64 {
        self.area_l + i as f64 * (COL_W + COL_GAP)
    }

    /// The box of distribution `i` (of the services with CloudFront), inside `cloudfront`.
    pub fn distribution(&self, i: usize) -> Rect {
        self.distribution_grid.cell(i)
    }

    /// The box of drawn service `i`, inside `services`.
    pub fn service_box(&self, i: usize) -> Rect {
        self.service_grid.cell(i)
    }

    /// AZ column `i`.
    pub fn az(&self, i: usize) -> Rect {
        Rect::new(
            self.col_x(i),
            self.col_top,
            COL_W,
            self.col_bottom - self.col_top,
        )
    }

    /// The subnet inside AZ column `i`.
    pub fn subnet(&self, i: usize) -> Rect {
        Rect::new(
            self.col_x(i) + 8.0,
            self.sub_top,
            COL_W - 16.0,
            self.sub_bottom - self.sub_top,
        )
    }

    /// The Elastic IP under AZ column `column`, inside `nat`.
    pub fn eip(&self, column: usize) -> Rect {
        Rect::new(
            self.col_x(column) + COL_W / 2.0 - 46.0,
            self.nat.y + 30.0,
            92.0,
            20.0,
        )
    }

    /// Gateway endpoint `i`, down the lane on the VPC's right edge.
    pub fn endpoint(&self, i: usize) -> Rect {
        Rect::new(
            self.igw.x,
            self.services.y + 6.0 + i as f64 * (LANE_H + 10.0),
            LANE_W,
            LANE_H,
        )
    }
}
