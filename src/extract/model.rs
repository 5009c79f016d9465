//! The scoring model: a logistic model over the candidates' features, in two passes. The
//! first weighs each candidate's own evidence; the second adds what its look-alikes (the
//! candidates with the same structural signature) scored in the first, and whether its
//! label follows theirs. Weights are data (`assets/extract/weights.ron`), fitted on a
//! corpus by `examples/fit_extraction.rs`.

use super::candidates::Signature;
use super::features::{Feature, FeatureVec};
use super::labels;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// Confidence at or above which a candidate is a recommendation.
pub const ACCEPT: f32 = 0.5;
/// Accepted items below this confidence are flagged `uncertain` for the reviewer.
pub const CERTAIN: f32 = 0.8;

/// The weights file as written: feature name → weight, per pass.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct WeightsFile {
    /// First pass: own features only.
    pub own: BTreeMap<String, f32>,
    /// Second pass: own features and look-alike features.
    pub full: BTreeMap<String, f32>,
}

/// Weights indexed by feature.
#[derive(Debug, Clone)]
pub struct Weights {
    own: Vec<f32>,
    full: Vec<f32>,
}

impl Weights {
    /// Weights from a file's maps (unknown names are ignored, missing ones are 0).
    pub fn from_file(file: &WeightsFile) -> Weights {
        let index = |map: &BTreeMap<String, f32>| {
            let mut v = vec![0.0; Feature::ALL.len()];
            for (key, &w) in map {
                if let Some(f) = Feature::from_key(key) {
                    v[f as usize] = w;
                }
            }
            v
        };
        Weights { own: index(&file.own), full: index(&file.full) }
    }

    /// The file form of these weights.
    pub fn to_file(&self) -> WeightsFile {
        let map = |v: &[f32]| Feature::ALL.iter().map(|&f| (f.key().to_owned(), v[f as usize])).collect();
        WeightsFile { own: map(&self.own), full: map(&self.full) }
    }

    /// Weights from two vectors in [`Feature::ALL`] order.
    pub fn from_vectors(own: Vec<f32>, full: Vec<f32>) -> Weights {
        Weights { own, full }
    }

    /// The weight of `f` in the first or the second pass.
    pub fn weight(&self, f: Feature, full: bool) -> f32 {
        let v = if full { &self.full } else { &self.own };
        v.get(f as usize).copied().unwrap_or(0.0)
    }

    fn logit(&self, fv: &FeatureVec, full: bool) -> f32 {
        fv.iter().map(|&(f, x)| self.weight(f, full) * x).sum()
    }
}

/// The weights shipped with the program.
const SHIPPED: &str = include_str!("../../assets/extract/weights.ron");

/// The weights in use. A broken file is a build defect caught by the unit test below; the
/// fallback (all zero: nothing is found) is never reached in a released build.
pub(crate) static WEIGHTS: LazyLock<Weights> = LazyLock::new(|| match ron::from_str::<WeightsFile>(SHIPPED) {
    Ok(file) => Weights::from_file(&file),
    Err(e) => {
        eprintln!("stocktake: built-in extraction weights are invalid: {e}");
        Weights::from_file(&WeightsFile::default())
    }
});

/// The logistic function.
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// One candidate as the model sees it.
#[derive(Debug, Clone)]
pub(crate) struct Scored {
    /// All features, the look-alike ones included.
    pub(crate) features: FeatureVec,
    /// First-pass probability.
    pub(crate) own: f32,
    /// Final probability.
    pub(crate) confidence: f32,
}

/// Score candidates: `own[i]` are candidate i's own features, `signatures[i]` its signature,
/// `labels[i]` its printed label (for sequences).
pub(crate) fn score(
    weights: &Weights,
    own: Vec<FeatureVec>,
    signatures: &[Signature],
    labels: &[Option<String>],
    sections: &[Option<usize>],
) -> Vec<Scored> {
    let first: Vec<f32> = own.iter().map(|fv| sigmoid(weights.logit(fv, false))).collect();
    let mut all = own;
    add_group_features(&mut all, &first, signatures, labels, sections);
    all.into_iter()
        .zip(first)
        .map(|(features, own)| {
            let confidence = sigmoid(weights.logit(&features, true));
            Scored { features, own, confidence }
        })
        .collect()
}

/// Add the look-alike features: the mean first-pass probability of the other candidates
/// with the same signature above one half (as a value from 0 to 1), "no look-alike", and label
/// sequences.
pub(crate) fn add_group_features(
    features: &mut [FeatureVec],
    first: &[f32],
    signatures: &[Signature],
    labels: &[Option<String>],
    sections: &[Option<usize>],
) {
    let mut groups: HashMap<&Signature, Vec<usize>> = HashMap::new();
    for (i, s) in signatures.iter().enumerate() {
        groups.entry(s).or_default().push(i);
    }
    // Label runs are judged within one section: a group's members split by section.
    let mut runs: HashMap<(&Signature, Option<usize>), Vec<usize>> = HashMap::new();
    for (i, s) in signatures.iter().enumerate() {
        runs.entry((s, sections[i])).or_default().push(i);
    }
    for members in runs.values() {
        if label_run(features, labels, members) {
            for &i in members {
                let short = features[i].iter().any(|&(f, _)| matches!(f, Feature::Short | Feature::SubItem));
                let dotted = labels[i].as_deref().is_some_and(|l| l.contains('.'));
                if labels[i].is_some() && !dotted && !short {
                    features[i].push((Feature::LabelRun, 1.0));
                }
            }
        }
    }
    for members in groups.values() {
        let total: f32 = members.iter().map(|&i| first[i]).sum();
        let follows = |a: usize, b: usize| match (&labels[a], &labels[b]) {
            (Some(x), Some(y)) => labels::follows(x, y),
            _ => false,
        };
        // Labels in sequence with a neighbour; and whether the group's labels, in any order,
        // cover a run (A … YY with few gaps) of five or more items of some length.
        let mut in_sequence = vec![false; members.len()];
        for k in 1..members.len() {
            if follows(members[k - 1], members[k]) {
                in_sequence[k - 1] = true;
                in_sequence[k] = true;
            }
        }
        for (k, &i) in members.iter().enumerate() {
            if members.len() < 2 {
                features[i].push((Feature::Alone, 1.0));
            } else {
                let mean_others = (total - first[i]) / (members.len() - 1) as f32;
                let support = ((mean_others - 0.5) * 2.0).max(0.0);
                if support > 0.0 {
                    features[i].push((Feature::GroupSupport, support));
                }
            }
            if in_sequence[k] {
                features[i].push((Feature::LabelSequence, 1.0));
            }
        }
    }
}

/// True when the labels of `members` (one section's look-alikes), in any order, cover a run
/// of five or more items of some length (A … YY with few gaps).
fn label_run(features: &[FeatureVec], labels: &[Option<String>], members: &[usize]) -> bool {
    let long: Vec<usize> =
        members.iter().copied().filter(|&i| !features[i].iter().any(|&(f, _)| f == Feature::Short)).collect();
    let ordinals: std::collections::BTreeSet<(String, u64)> = long
        .iter()
        .filter_map(|&i| {
            let l = labels[i].as_deref()?;
            (!l.contains('.')).then(|| labels::ordinal(l).map(|o| (labels::family(l), o))).flatten()
        })
        .collect();
    // In a section of recommendations three in sequence are a run.
    let in_section = members.iter().all(|&i| features[i].iter().any(|&(f, _)| f == Feature::SectionHere));
    ordinals.len() >= if in_section { 3 } else { 5 }
        && long.len() * 10 >= members.len() * 7
        && ordinals.first().zip(ordinals.last()).is_some_and(|(a, b)| {
            a.0 == b.0 && usize::try_from(b.1 - a.1 + 1).unwrap_or(usize::MAX) * 2 <= ordinals.len() * 3
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_weights_load_and_name_real_features() {
        let file: WeightsFile = ron::from_str(SHIPPED).expect("weights.ron is valid");
        for key in file.own.keys().chain(file.full.keys()) {
            assert!(Feature::from_key(key).is_some(), "unknown feature {key}");
        }
        assert!(WEIGHTS.weight(Feature::EndCode, true) > 0.0);
    }
}
