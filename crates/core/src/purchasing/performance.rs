//! Vendor performance over a period, each figure with how it was computed (numerator,
//! denominator and a sentence), and a weighted score with weights the team sets.
//!
//! - **On-time delivery by quantity**: units accepted by their line's promised date ÷ units
//!   due in the period (order lines promised within it, and not after today). Partial
//!   receipts count for what arrived: 6 of 10 units on time and 4 late is 60 %, and the late
//!   remainder does not make the early part late. Accepted units only (rejected ones count in
//!   the rejection rate), at most the line's quantity.
//! - **Price variance**: what was ordered in the period against the vendor's quote for the
//!   same line, and against the last price paid for the same manufacturer and part number on
//!   an earlier order (any vendor), both in won at each request's recorded rates.
//! - **Quote response**: requests for quotation sent in the period that the vendor answered
//!   ÷ sent, and the mean days from sending to the quote's receipt.
//! - **Rejection rate at receipt**: units rejected ÷ units received (accepted + rejected) on
//!   receipts in the period.
//! - **Score**: the weighted mean of the figures' scores (on time and response as
//!   percentages, quality as 100 − the rejection %, price as 100 − the % paid over the last
//!   price, else over the quote), over the figures that have a value. A period in which the
//!   vendor had no order placed and none due is **not scored** (`None`, not 0).
//!
//! The weights are a small record kind (`scoreweights/{ULID}`); the latest set wins.

use std::collections::BTreeMap;

use automerge::AutoCommit;
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::orders::problem;
use super::request::{Person, PurchaseRequest};
use super::request_ops::{person_of, PurchaseCode};
use super::PurchasingError;
use crate::assets::Date;
use crate::lifecycle::days_between;
use crate::record::aggregate::{self, load_projections, Aggregate};
use crate::record::{Index, Indexes, Kind};
use crate::stamp::Stamp;
use crate::store::kv::{Batch, Tree};
use crate::store::{StoreError, Workspace};

pub const SCORE_WEIGHTS_SCHEMA: u64 = 1;

/// The weights of the vendor score, as the team set them (`scoreweights/{ULID}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Reconcile, Hydrate, TS)]
#[ts(export)]
pub struct ScoreWeights {
    /// Empty for the defaults (never saved).
    pub id: String,
    pub on_time: u32,
    pub price: u32,
    pub response: u32,
    pub quality: u32,
    pub set_by: Person,
    #[ts(type = "number")]
    pub at_ms: i64,
}

impl Default for ScoreWeights {
    /// On time 40, price 20, response 20, quality 20.
    fn default() -> Self {
        ScoreWeights {
            id: String::new(),
            on_time: 40,
            price: 20,
            response: 20,
            quality: 20,
            set_by: Person::default(),
            at_ms: 0,
        }
    }
}

/// Every set of weights saved, by id.
#[derive(Debug, Default)]
pub struct ScoreWeightsIndex {
    pub weights: BTreeMap<String, ScoreWeights>,
}

impl Index for ScoreWeightsIndex {
    fn load(tree: &dyn Tree) -> Result<ScoreWeightsIndex, StoreError> {
        let mut index = ScoreWeightsIndex::default();
        for weights in load_projections::<ScoreWeights>(tree)? {
            index.weights.insert(weights.id.clone(), weights);
        }
        Ok(index)
    }
}

impl Kind for ScoreWeights {
    const PREFIX: &'static str = "scoreweights";
    const SCHEMA: u64 = SCORE_WEIGHTS_SCHEMA;
    const EDITABLE: &'static [&'static str] = &["scoreweights"];
    type Row = ScoreWeights;

    fn read(doc: &mut AutoCommit, doc_id: &str) -> Result<ScoreWeights, StoreError> {
        aggregate::hydrate(doc, doc_id)
    }

    fn put_projections(
        _: &dyn Tree,
        batch: &mut Batch,
        rows: &[&ScoreWeights],
    ) -> Result<(), StoreError> {
        aggregate::put_projections(batch, rows);
        Ok(())
    }

    fn upsert(indexes: &Indexes, rows: Vec<ScoreWeights>) {
        let mut index = indexes.write::<ScoreWeightsIndex>();
        for weights in rows {
            index.weights.insert(weights.id.clone(), weights);
        }
    }

    fn title(_: &Indexes, _: &str) -> String {
        "vendor score weights".to_owned()
    }

    fn indexed(indexes: &Indexes, doc_id: &str) -> bool {
        let id = doc_id.split_once('/').map_or("", |(_, id)| id);
        indexes.read::<ScoreWeightsIndex>().weights.contains_key(id)
    }
}

impl Aggregate for ScoreWeights {
    fn id_text(&self) -> String {
        self.id.clone()
    }
}

/// Which figure a [`Figure`] is: with its terms, what a UI words how it was computed in its
/// own language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FigureCode {
    /// Terms `on_time`, `due` (units).
    OnTime,
    /// Terms `ordered_krw`, `quoted_krw`.
    PriceVsQuote,
    /// Terms `paid_krw`, `last_krw`, `lines`.
    PriceVsLastPaid,
    /// Terms `answered`, `sent`.
    ResponseRate,
    /// Terms `days`, `answered`.
    ResponseDays,
    /// Terms `rejected`, `received`, `accepted` (units).
    Rejection,
}

/// One figure and how it was computed: which figure, and the whole numbers that went in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Figure {
    /// The figure (a fraction for rates and variances, days for response days); none when
    /// there was nothing to compute it from.
    pub value: Option<f64>,
    pub numerator: f64,
    pub denominator: f64,
    pub code: FigureCode,
    /// The numbers the figure was computed from, by the names its [`FigureCode`] lists.
    #[ts(type = "Record<string, number>")]
    pub terms: BTreeMap<String, i64>,
    /// How it was computed, in English ([`english_how`] of the code and terms): the CLI's words.
    pub how: String,
}

impl Figure {
    fn ratio(
        numerator: f64,
        denominator: f64,
        code: FigureCode,
        terms: &[(&str, i128)],
        from: &Date,
        until: &Date,
    ) -> Figure {
        let terms: BTreeMap<String, i64> = terms
            .iter()
            .map(|(name, value)| {
                let value = (*value).clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64;
                ((*name).to_owned(), value)
            })
            .collect();
        Figure {
            value: (denominator != 0.0).then(|| numerator / denominator),
            numerator,
            denominator,
            how: english_how(code, &terms, from, until),
            code,
            terms,
        }
    }
}

/// How a figure was computed, in English, from its code and terms (what the CLI prints).
pub fn english_how(
    code: FigureCode,
    terms: &BTreeMap<String, i64>,
    from: &Date,
    until: &Date,
) -> String {
    let n = |name: &str| terms.get(name).copied().unwrap_or(0);
    let krw = |name: &str| won(i128::from(n(name)));
    match code {
        FigureCode::OnTime => format!(
            "{} units accepted by their promised date ÷ {} units due from {} to {}",
            n("on_time"),
            n("due"),
            from.0,
            until.0
        ),
        FigureCode::PriceVsQuote => format!(
            "(₩{} ordered − ₩{} quoted) ÷ ₩{} quoted, for orders placed in the period",
            krw("ordered_krw"),
            krw("quoted_krw"),
            krw("quoted_krw")
        ),
        FigureCode::PriceVsLastPaid => format!(
            "(₩{} ordered − ₩{} at the last price paid) ÷ ₩{}, over {} lines whose part was bought before",
            krw("paid_krw"),
            krw("last_krw"),
            krw("last_krw"),
            n("lines")
        ),
        FigureCode::ResponseRate => format!(
            "{} requests for quotation answered ÷ {} sent in the period",
            n("answered"),
            n("sent")
        ),
        FigureCode::ResponseDays => format!(
            "{} days from sending to the quote, in all ÷ {} quotes",
            n("days"),
            n("answered")
        ),
        FigureCode::Rejection => format!(
            "{} units rejected ÷ {} received ({} accepted) in the period",
            n("rejected"),
            n("received"),
            n("accepted")
        ),
    }
}

/// Which part of the score a term is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ScorePart {
    OnTime,
    Price,
    Response,
    Quality,
}

impl ScorePart {
    fn english(self) -> &'static str {
        match self {
            ScorePart::OnTime => "on time",
            ScorePart::Price => "price",
            ScorePart::Response => "response",
            ScorePart::Quality => "quality",
        }
    }
}

/// One weighted term of the score: `weight × score` (the part's score, 0–100).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScoreTerm {
    pub part: ScorePart,
    pub weight: u32,
    pub score: f64,
}

/// Why a period has no score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Unscored {
    /// No order placed or due in the period.
    NoOrders,
    /// No figure with a weight above 0 has a value.
    NoWeightedFigure,
}

/// How the score was computed, in English (what the CLI prints).
pub fn english_score(
    terms: &[ScoreTerm],
    unscored: Option<Unscored>,
    score: Option<f64>,
) -> String {
    match (unscored, score) {
        (Some(Unscored::NoOrders), _) => "not scored: no order placed or due in the period".into(),
        (Some(Unscored::NoWeightedFigure), _) | (None, None) => {
            "not scored: no weighted figure has a value".into()
        }
        (None, Some(score)) => {
            let total: u32 = terms.iter().map(|t| t.weight).sum();
            let parts: Vec<String> = terms
                .iter()
                .map(|t| format!("{} × {:.1} ({})", t.weight, t.score, t.part.english()))
                .collect();
            format!("({}) ÷ {total} = {score:.1}", parts.join(" + "))
        }
    }
}

/// A vendor's performance over a period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VendorPerformance {
    pub vendor: String,
    pub from: String,
    pub until: String,
    /// Orders placed with the vendor in the period.
    pub orders: u32,
    pub on_time: Figure,
    pub price_vs_quote: Figure,
    pub price_vs_last_paid: Figure,
    pub response_rate: Figure,
    pub response_days: Figure,
    pub rejection: Figure,
    pub weights: ScoreWeights,
    /// 0–100; none for a period without orders.
    pub score: Option<f64>,
    /// The weighted terms the score is the mean of (empty when not scored).
    pub score_terms: Vec<ScoreTerm>,
    /// Why there is no score, if there is none.
    pub unscored: Option<Unscored>,
    /// How the score was computed, in English ([`english_score`]): the CLI's words.
    pub score_how: String,
}

/// Won with thousands separators.
fn won(amount: i128) -> String {
    super::request_ops::format_won(amount.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
}

/// An order line's day, time and unit price in won: what a later order compares with.
type PaidBefore = (String, i64, i128);

fn within(day: &str, from: &Date, until: &Date) -> bool {
    from.0.as_str() <= day && day <= until.0.as_str()
}

/// A vendor's performance over `from..=until` (judged on `today`), from every request.
pub fn vendor_score<'a>(
    requests: impl IntoIterator<Item = &'a PurchaseRequest> + Clone,
    vendor: &str,
    from: &Date,
    until: &Date,
    today: &Date,
    weights: &ScoreWeights,
) -> VendorPerformance {
    // Units due and accepted on time.
    let (mut due, mut on_time) = (0u64, 0u64);
    let (mut ordered_krw, mut quoted_krw) = (0i128, 0i128);
    let (mut paid_krw, mut last_krw, mut compared_lines) = (0i128, 0i128, 0u32);
    let (mut sent, mut answered, mut days) = (0u64, 0u64, 0i64);
    let (mut accepted, mut rejected) = (0u64, 0u64);
    let mut orders = 0u32;
    // Every order line, for the last price paid: (manufacturer, part) → (day, at_ms, unit won).
    let mut paid: BTreeMap<(String, String), Vec<PaidBefore>> = BTreeMap::new();
    for request in requests.clone() {
        for order in request.orders.values() {
            for (key, line) in &order.lines {
                let Some(asked) = request.lines.get(key) else {
                    continue;
                };
                if asked.part_number.trim().is_empty() {
                    continue;
                }
                let unit =
                    i128::from(request.krw(i128::from(line.unit_price_minor), order.currency));
                paid.entry((
                    asked.manufacturer.trim().to_lowercase(),
                    asked.part_number.trim().to_lowercase(),
                ))
                .or_default()
                .push((order.ordered_on.clone(), order.at_ms, unit));
            }
        }
    }
    for request in requests {
        if let Some(rfq) = request.rfqs.get(vendor) {
            if within(&rfq.sent_on, from, until) {
                sent += 1;
                if let Some(quote) = request.quotes.get(vendor) {
                    answered += 1;
                    let sent_on = Date(rfq.sent_on.clone());
                    let received = Date(quote.received_on.clone());
                    days += days_between(&sent_on, &received).unwrap_or(0).max(0);
                }
            }
        }
        for (order_key, order) in request.orders.iter().filter(|(_, o)| o.vendor == vendor) {
            let receipts: Vec<_> = request
                .receipts
                .values()
                .filter(|r| &r.order == order_key)
                .collect();
            for receipt in &receipts {
                if within(&receipt.received_on, from, until) {
                    for line in receipt.lines.values() {
                        accepted += line.accepted;
                        rejected += line.rejected;
                    }
                }
            }
            for (key, line) in &order.lines {
                if within(&line.promised_on, from, until) && line.promised_on <= today.0 {
                    due += line.quantity;
                    let early: u64 = receipts
                        .iter()
                        .filter(|r| r.received_on <= line.promised_on)
                        .filter_map(|r| r.lines.get(key))
                        .map(|l| l.accepted)
                        .sum();
                    on_time += early.min(line.quantity);
                }
            }
            if !within(&order.ordered_on, from, until) {
                continue;
            }
            orders += 1;
            for (key, line) in &order.lines {
                let qty = i128::from(line.quantity);
                let unit =
                    i128::from(request.krw(i128::from(line.unit_price_minor), order.currency));
                if let Some(quote) = request.quotes.get(vendor) {
                    if let Some(price) = quote.prices.get(key) {
                        ordered_krw += qty * unit;
                        quoted_krw +=
                            qty * i128::from(request.krw(i128::from(*price), quote.currency));
                    }
                }
                let Some(asked) = request.lines.get(key) else {
                    continue;
                };
                let part = (
                    asked.manufacturer.trim().to_lowercase(),
                    asked.part_number.trim().to_lowercase(),
                );
                let last = paid.get(&part).and_then(|list| {
                    list.iter()
                        .filter(|(day, at, _)| {
                            (day.as_str(), *at) < (order.ordered_on.as_str(), order.at_ms)
                        })
                        .max_by(|a, b| (a.0.as_str(), a.1).cmp(&(b.0.as_str(), b.1)))
                });
                if let Some((_, _, before)) = last {
                    paid_krw += qty * unit;
                    last_krw += qty * before;
                    compared_lines += 1;
                }
            }
        }
    }
    let on_time_figure = Figure::ratio(
        on_time as f64,
        due as f64,
        FigureCode::OnTime,
        &[("on_time", i128::from(on_time)), ("due", i128::from(due))],
        from,
        until,
    );
    let vs_quote = Figure::ratio(
        (ordered_krw - quoted_krw) as f64,
        quoted_krw as f64,
        FigureCode::PriceVsQuote,
        &[("ordered_krw", ordered_krw), ("quoted_krw", quoted_krw)],
        from,
        until,
    );
    let vs_last = Figure::ratio(
        (paid_krw - last_krw) as f64,
        last_krw as f64,
        FigureCode::PriceVsLastPaid,
        &[
            ("paid_krw", paid_krw),
            ("last_krw", last_krw),
            ("lines", i128::from(compared_lines)),
        ],
        from,
        until,
    );
    let response_rate = Figure::ratio(
        answered as f64,
        sent as f64,
        FigureCode::ResponseRate,
        &[
            ("answered", i128::from(answered)),
            ("sent", i128::from(sent)),
        ],
        from,
        until,
    );
    let response_days = Figure::ratio(
        days as f64,
        answered as f64,
        FigureCode::ResponseDays,
        &[
            ("days", i128::from(days)),
            ("answered", i128::from(answered)),
        ],
        from,
        until,
    );
    let received = accepted + rejected;
    let rejection = Figure::ratio(
        rejected as f64,
        received as f64,
        FigureCode::Rejection,
        &[
            ("rejected", i128::from(rejected)),
            ("received", i128::from(received)),
            ("accepted", i128::from(accepted)),
        ],
        from,
        until,
    );
    let price_variance = vs_last.value.or(vs_quote.value);
    let parts: [(ScorePart, u32, Option<f64>); 4] = [
        (
            ScorePart::OnTime,
            weights.on_time,
            on_time_figure.value.map(|v| v * 100.0),
        ),
        (
            ScorePart::Price,
            weights.price,
            price_variance.map(|v| (100.0 - v.max(0.0) * 100.0).clamp(0.0, 100.0)),
        ),
        (
            ScorePart::Response,
            weights.response,
            response_rate.value.map(|v| v * 100.0),
        ),
        (
            ScorePart::Quality,
            weights.quality,
            rejection.value.map(|v| 100.0 - v * 100.0),
        ),
    ];
    let counted: Vec<ScoreTerm> = parts
        .iter()
        .filter_map(|(part, weight, score)| {
            score.map(|score| ScoreTerm {
                part: *part,
                weight: *weight,
                score,
            })
        })
        .filter(|term| term.weight > 0)
        .collect();
    let total_weight: u32 = counted.iter().map(|term| term.weight).sum();
    let (score, unscored, score_terms) = if orders == 0 && due == 0 {
        (None, Some(Unscored::NoOrders), Vec::new())
    } else if total_weight == 0 {
        (None, Some(Unscored::NoWeightedFigure), Vec::new())
    } else {
        let sum: f64 = counted
            .iter()
            .map(|term| f64::from(term.weight) * term.score)
            .sum();
        (Some(sum / f64::from(total_weight)), None, counted)
    };
    let score_how = english_score(&score_terms, unscored, score);
    VendorPerformance {
        vendor: vendor.to_owned(),
        from: from.0.clone(),
        until: until.0.clone(),
        orders,
        on_time: on_time_figure,
        price_vs_quote: vs_quote,
        price_vs_last_paid: vs_last,
        response_rate,
        response_days,
        rejection,
        weights: weights.clone(),
        score,
        score_terms,
        unscored,
        score_how,
    }
}

impl Workspace {
    /// The weights in force: the latest set, else the defaults.
    pub fn score_weights(&self) -> ScoreWeights {
        let index = self.indexes().read::<ScoreWeightsIndex>();
        index
            .weights
            .values()
            .max_by(|a, b| a.at_ms.cmp(&b.at_ms).then_with(|| a.id.cmp(&b.id)))
            .cloned()
            .unwrap_or_default()
    }

    /// Sets the weights (each 0–100, not all 0); `id` a fresh ULID.
    pub fn set_score_weights(
        &self,
        id: ulid::Ulid,
        on_time: u32,
        price: u32,
        response: u32,
        quality: u32,
        stamp: &Stamp,
    ) -> Result<ScoreWeights, PurchasingError> {
        let mut problems = Vec::new();
        for (field, value) in [
            ("on_time", on_time),
            ("price", price),
            ("response", response),
            ("quality", quality),
        ] {
            if value > 100 {
                problems.push(
                    problem(PurchaseCode::OverLimit, field, value.to_string())
                        .saying("is more than 100"),
                );
            }
        }
        if on_time + price + response + quality == 0 {
            problems.push(
                problem(PurchaseCode::Required, "on_time", "0")
                    .saying("at least one weight must be above 0"),
            );
        }
        if !problems.is_empty() {
            return Err(PurchasingError::Refused(problems));
        }
        let weights = ScoreWeights {
            id: id.to_string(),
            on_time,
            price,
            response,
            quality,
            set_by: person_of(stamp),
            at_ms: stamp.at_ms,
        };
        self.save_one(&weights, stamp, "score-weights")?;
        Ok(weights)
    }

    /// A vendor's performance over `from..=until` with the weights in force.
    pub fn vendor_performance(
        &self,
        vendor: &str,
        from: &Date,
        until: &Date,
        today: &Date,
    ) -> Result<VendorPerformance, PurchasingError> {
        let vendor = self.vendor(vendor)?;
        let weights = self.score_weights();
        // Read in place: a copy of every request would cost more than the figures.
        let index = self.indexes().read::<super::PurchaseIndex>();
        Ok(vendor_score(
            index.requests.values(),
            &vendor.id,
            from,
            until,
            today,
            &weights,
        ))
    }
}
