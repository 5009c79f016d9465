//! Fitting the model's weights on labelled documents, and checking them leave-one-document-
//! out. Used by `examples/fit_extraction.rs` (which writes `assets/extract/weights.ron`) and
//! by the corpus test; not part of the reviewer-facing API.

use super::features::{Feature, FeatureVec};
use super::model::{self, Weights, sigmoid};
use super::score::{self, Truth};
use super::teach::{Guidance, normalise_with_map};
use super::{Analysis, Extraction};
use crate::document::SourceText;

/// One labelled document, analysed: its candidates' own features and which candidates open
/// a labelled recommendation.
#[derive(Debug, Clone)]
pub struct DocumentData {
    /// Name, for reports.
    pub name: String,
    /// Own features of every candidate.
    own: Vec<FeatureVec>,
    signatures: Vec<super::Signature>,
    /// True for candidates that open a labelled recommendation.
    pub positive: Vec<bool>,
}

impl DocumentData {
    /// Analyse `doc` and mark the candidates where `truth`'s recommendations start.
    pub fn new(name: &str, doc: &SourceText, truth: &Truth) -> DocumentData {
        let analysis = Analysis::new(doc, &model::WEIGHTS);
        let own: Vec<FeatureVec> = analysis
            .scored
            .iter()
            .map(|s| {
                s.features
                    .iter()
                    .copied()
                    .filter(|(f, _)| !matches!(f, Feature::GroupSupport | Feature::Alone))
                    .collect()
            })
            .collect();
        let mut positive = vec![false; analysis.pieces.len()];
        let (haystack, map) = normalise_with_map(&doc.text);
        let mut from = 0;
        for t in &truth.recommendations {
            let (needle, _) = normalise_with_map(&t.starts_with);
            let needle: String = needle.chars().take(40).collect();
            let Some(at) = haystack.get(from..).and_then(|h| h.find(&needle)) else { continue };
            let at = from + at;
            from = at + 1;
            let byte = map[at];
            let k = analysis.pieces.partition_point(|p| p.start <= byte).saturating_sub(1);
            if let Some(slot) = positive.get_mut(k) {
                *slot = true;
            }
        }
        DocumentData { name: name.to_owned(), own, signatures: analysis.signatures.clone(), positive }
    }

    /// Full feature vectors (own and look-alike) given first-pass weights.
    fn full(&self, own_weights: &[f32]) -> Vec<FeatureVec> {
        let first: Vec<f32> = self.own.iter().map(|fv| sigmoid(dot(own_weights, fv))).collect();
        let mut all = self.own.clone();
        model::add_group_features(&mut all, &first, &self.signatures);
        all
    }
}

fn dot(w: &[f32], fv: &FeatureVec) -> f32 {
    fv.iter().map(|&(f, x)| w[f as usize] * x).sum()
}

/// How fitting weighs and regularises.
#[derive(Debug, Clone, Copy)]
pub struct FitOptions {
    /// L2 penalty on each weight's distance from its prior (the shipped weights).
    pub l2: f32,
    /// Weight of a positive example relative to a negative one.
    pub positive_weight: f32,
    /// Gradient steps.
    pub steps: usize,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions { l2: 0.05, positive_weight: 2.0, steps: 1500 }
    }
}

/// Logistic regression by full-batch gradient descent (Adam), from `start`.
fn logistic(samples: &[(&FeatureVec, bool)], start: &[f32], options: FitOptions) -> Vec<f32> {
    let n = Feature::ALL.len();
    let mut w = start.to_vec();
    let (mut m, mut v) = (vec![0.0f32; n], vec![0.0f32; n]);
    let total: f32 = samples.iter().map(|&(_, y)| if y { options.positive_weight } else { 1.0 }).sum();
    let (beta1, beta2, rate) = (0.9f32, 0.999f32, 0.05f32);
    for step in 1..=options.steps {
        let mut grad = vec![0.0f32; n];
        for &(fv, y) in samples {
            let p = sigmoid(dot(&w, fv));
            let weight = if y { options.positive_weight } else { 1.0 };
            let err = (p - f32::from(u8::from(y))) * weight / total;
            for &(f, x) in fv {
                grad[f as usize] += err * x;
            }
        }
        // The penalty pulls every weight towards its prior (the hand-set starting weights).
        for (i, g) in grad.iter_mut().enumerate() {
            *g += options.l2 * (w[i] - start[i]);
        }
        let step = step as i32;
        for i in 0..n {
            m[i] = beta1 * m[i] + (1.0 - beta1) * grad[i];
            v[i] = beta2 * v[i] + (1.0 - beta2) * grad[i] * grad[i];
            let m_hat = m[i] / (1.0 - beta1.powi(step));
            let v_hat = v[i] / (1.0 - beta2.powi(step));
            w[i] -= rate * m_hat / (v_hat.sqrt() + 1e-8);
        }
    }
    w
}

/// Fit both passes' weights on `docs`, starting from the shipped weights.
pub fn fit(docs: &[&DocumentData], options: FitOptions) -> Weights {
    let start_own: Vec<f32> = Feature::ALL.iter().map(|&f| model::WEIGHTS.weight(f, false)).collect();
    let start_full: Vec<f32> = Feature::ALL.iter().map(|&f| model::WEIGHTS.weight(f, true)).collect();
    let own_samples: Vec<(&FeatureVec, bool)> =
        docs.iter().flat_map(|d| d.own.iter().zip(d.positive.iter().copied())).collect();
    let own = logistic(&own_samples, &start_own, options);
    let full_vectors: Vec<Vec<FeatureVec>> = docs.iter().map(|d| d.full(&own)).collect();
    let full_samples: Vec<(&FeatureVec, bool)> = full_vectors
        .iter()
        .zip(docs)
        .flat_map(|(fvs, d)| fvs.iter().zip(d.positive.iter().copied()))
        .collect();
    let full = logistic(&full_samples, &start_full, options);
    Weights::from_vectors(own, full)
}

/// Extraction of `doc` with the given weights.
pub fn extract_with(doc: &SourceText, weights: &Weights, guidance: &Guidance) -> Extraction {
    Analysis::new(doc, weights).extraction(guidance)
}

/// The weights shipped with the program.
pub fn shipped_weights() -> Weights {
    model::WEIGHTS.clone()
}

/// Score of `doc` against `truth` with `weights`.
pub fn score_with(doc: &SourceText, truth: &Truth, weights: &Weights, guidance: &Guidance) -> score::Score {
    score::score(truth, &extract_with(doc, weights, guidance))
}

/// For each labelled recommendation, the candidate where it starts: its confidence, the
/// first words of its text and its evidence — to see why one was missed.
pub fn explain_truth(doc: &SourceText, truth: &Truth) -> Vec<String> {
    let analysis = Analysis::new(doc, &model::WEIGHTS);
    let data = DocumentData::new("", doc, truth);
    let mut out = Vec::new();
    for (k, positive) in data.positive.iter().enumerate() {
        if !positive {
            continue;
        }
        let p = &analysis.pieces[k];
        let text: String = doc.text[p.start..p.end].chars().take(60).collect::<String>().replace('\n', " ");
        let evidence: Vec<String> = analysis.scored[k]
            .features
            .iter()
            .map(|&(f, x)| format!("{}{:+.1}", f.key(), analysis.weights.weight(f, true) * x))
            .collect();
        out.push(format!(
            "{:.2} {:?} | {} | {:?}",
            analysis.scored[k].confidence,
            text,
            evidence.join(" "),
            analysis.signatures[k]
        ));
    }
    out
}

/// One line per unit: heading level, section kind, aside, label, first words (development aid).
pub fn dump_units(doc: &SourceText) -> Vec<String> {
    let analysis = Analysis::new(doc, &model::WEIGHTS);
    analysis
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let pl = analysis.sections.placement(i);
            let h = analysis
                .sections
                .heading_of(i)
                .map(|h| {
                    format!(
                        "{:?}:{} here{} above{} counter{} out{} appx{}",
                        h.kind,
                        h.level,
                        pl.here as u8,
                        pl.above as u8,
                        pl.counter as u8,
                        pl.outside as u8,
                        pl.appendix_quote as u8
                    )
                })
                .unwrap_or_default();
            let text: String =
                doc.text[u.content..u.end].chars().take(70).collect::<String>().replace('\n', "⏎");
            format!(
                "{i:4} {:?} h{:?}{} sp{} aside{} lbl{:?} d{} [{h}] {text}",
                u.kind,
                u.heading,
                if u.by_look { "L" } else { "" },
                u.spliced as u8,
                u.aside as u8,
                u.label.as_ref().map(|l| l.label.as_str()),
                u.depth
            )
        })
        .collect()
}

/// A labelled document: its name, its text and its truth.
pub struct Labelled {
    /// File name.
    pub name: String,
    /// The imported document.
    pub doc: SourceText,
    /// Its truth file.
    pub truth: Truth,
}

/// Every document in `folder` that has a `NAME.truth.json` beside it, in name order.
/// Documents that cannot be imported are reported in the second list (name and reason).
pub fn load_labelled(folder: &std::path::Path) -> (Vec<Labelled>, Vec<String>) {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    let Ok(entries) = std::fs::read_dir(folder) else {
        skipped.push(format!("{}: not readable", folder.display()));
        return (out, skipped);
    };
    let mut truths: Vec<std::path::PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".truth.json"))
        .collect();
    truths.sort();
    for truth_path in truths {
        let stem = truth_path.to_string_lossy().trim_end_matches(".truth.json").to_owned();
        let Some(doc_path) = ["md", "txt", "html", "htm", "pdf", "docx"]
            .iter()
            .map(|ext| std::path::PathBuf::from(format!("{stem}.{ext}")))
            .find(|p| p.exists())
        else {
            continue;
        };
        let name = doc_path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let truth = std::fs::read_to_string(&truth_path)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str::<Truth>(&t).map_err(|e| e.to_string()));
        match (crate::document::load(&doc_path), truth) {
            (Ok(doc), Ok(truth)) => out.push(Labelled { name, doc, truth }),
            (Err(e), _) => skipped.push(format!("{name}: {e}")),
            (_, Err(e)) => skipped.push(format!("{}: {e}", truth_path.display())),
        }
    }
    (out, skipped)
}

/// The two labelled seeds (`seeds/000…`, `seeds/002…` with `ground-truth/`) under `shared`.
pub fn load_seeds(shared: &std::path::Path) -> Vec<Labelled> {
    ["000_db51623f5ecc863b", "002_b1224dcb4b52c01c"]
        .iter()
        .filter_map(|name| {
            let doc = crate::document::load(&shared.join("seeds").join(format!("{name}.txt"))).ok()?;
            let truth =
                std::fs::read_to_string(shared.join("ground-truth").join(format!("{name}.truth.json")))
                    .ok()?;
            let truth = serde_json::from_str::<Truth>(&truth).ok()?;
            Some(Labelled { name: format!("{name}.txt"), doc, truth })
        })
        .collect()
}
