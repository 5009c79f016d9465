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
pub(crate) static WEIGHTS: LazyLock<Weights> =
    LazyLock::new(|| match ron::from_str::<WeightsFile>(SHIPPED) {
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
    /// Final probability.
    pub(crate) confidence: f32,
}

/// Score candidates: `own[i]` are candidate i's own features, `signatures[i]` its signature,
/// `labels[i]` its printed label, `sections[i]` the section it is in.
pub(crate) fn score(
    weights: &Weights,
    mut own: Vec<FeatureVec>,
    signatures: &[Signature],
    labels: &[Option<String>],
    sections: &[Option<usize>],
) -> Vec<Scored> {
    add_label_features(&mut own, signatures, labels, sections);
    let first: Vec<f32> = own.iter().map(|fv| sigmoid(weights.logit(fv, false))).collect();
    let mut all = own;
    add_group_features(&mut all, &first, signatures);
    all.into_iter()
        .map(|features| {
            let confidence = sigmoid(weights.logit(&features, true));
            Scored { features, confidence }
        })
        .collect()
}

/// Groups of candidate indices with the same key, in document order.
fn group_by<K: std::hash::Hash + Eq>(keys: impl Iterator<Item = K>) -> Vec<Vec<usize>> {
    let mut map: HashMap<K, usize> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, key) in keys.enumerate() {
        let g = *map.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    groups
}

/// Add the label features, which need no score: a label that follows the label of the
/// look-alike before it or precedes the next one's, and membership of a run of labels
/// (judged within one section).
pub(crate) fn add_label_features(
    features: &mut [FeatureVec],
    signatures: &[Signature],
    labels: &[Option<String>],
    sections: &[Option<usize>],
) {
    for members in group_by(signatures.iter().zip(sections.iter())) {
        if label_run(features, labels, &members) {
            for &i in &members {
                let short = features[i].iter().any(|&(f, _)| matches!(f, Feature::Short | Feature::SubItem));
                let dotted = labels[i].as_deref().is_some_and(|l| l.contains('.'));
                if labels[i].is_some() && !dotted && !short {
                    features[i].push((Feature::LabelRun, 1.0));
                }
            }
        }
    }
    for members in group_by(signatures.iter()) {
        let follows = |a: usize, b: usize| match (&labels[a], &labels[b]) {
            (Some(x), Some(y)) => labels::follows(x, y),
            _ => false,
        };
        let mut in_sequence = vec![false; members.len()];
        for k in 1..members.len() {
            if follows(members[k - 1], members[k]) {
                in_sequence[k - 1] = true;
                in_sequence[k] = true;
            }
        }
        for (k, &i) in members.iter().enumerate() {
            if in_sequence[k] {
                features[i].push((Feature::LabelSequence, 1.0));
            }
        }
    }
}

/// Share of look-alikes accepted in the first pass below which they lend no support.
const SUPPORT_FROM: f32 = 0.4;

/// Add the look-alike features: how far the share of the other candidates with the same
/// signature that the first pass accepts exceeds [`SUPPORT_FROM`] (a value from 0 to 1), or
/// "no look-alike".
pub(crate) fn add_group_features(features: &mut [FeatureVec], first: &[f32], signatures: &[Signature]) {
    for members in group_by(signatures.iter()) {
        // Replies that happen to look alike (a bold reply under the same heading) neither
        // support nor dilute.
        let eligible: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| {
                !features[i].iter().any(|&(f, _)| {
                    matches!(f, Feature::ReplyLike | Feature::InReply | Feature::AppendixQuote)
                })
            })
            .collect();
        let accepted = eligible.iter().filter(|&&i| first[i] >= ACCEPT).count();
        for &i in &members {
            let is_eligible = eligible.contains(&i);
            if !is_eligible {
                continue; // no support for a reply or a quotation that looks alike
            }
            let others_count = eligible.len() - usize::from(is_eligible);
            if others_count == 0 {
                features[i].push((Feature::Alone, 1.0));
                continue;
            }
            let others = accepted - usize::from(is_eligible && first[i] >= ACCEPT);
            let share = others as f32 / others_count as f32;
            let support = ((share - SUPPORT_FROM) / (1.0 - SUPPORT_FROM)).max(0.0);
            if support > 0.0 {
                let feature = if has_own_evidence(&features[i]) {
                    Feature::GroupSupport
                } else {
                    Feature::GroupSupportBare
                };
                features[i].push((feature, support));
            }
        }
    }
}

/// True when a candidate has evidence of its own that it recommends: wording, a named
/// label or code, a run of labels, an introduction, bold, instructing sub-items.
fn has_own_evidence(features: &FeatureVec) -> bool {
    features.iter().any(|&(f, _)| {
        matches!(
            f,
            Feature::NamedLabel
                | Feature::EndCode
                | Feature::LabelRun
                | Feature::LeadIn
                | Feature::LeadInRecommends
                | Feature::RecommendPresent
                | Feature::RecommendPast
                | Feature::ModalEarly
                | Feature::ModalLate
                | Feature::Imperative
                | Feature::ImperativeLater
                | Feature::Bold
                | Feature::SubItemsInstruct
                | Feature::FollowedByReply
                | Feature::MarkedInResponse
        )
    })
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
