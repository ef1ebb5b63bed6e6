#pragma once
// Cross-validation folds that keep every lot whole: wafers of one lot share
// process history, so a lot split across training and scoring folds would
// flatter the score (grouped k-fold; Roberts et al. 2017, "Cross-validation
// strategies for data with temporal, spatial, hierarchical, or phylogenetic
// structure", Ecography 40, §"Blocking").
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace fab::ml {

/// The fold (0 … k − 1) of each map. All maps of a lot go to the same fold;
/// lots are dealt in a seeded order, larger lots first, each to the fold where
/// its classes are scarcest relative to the target share (stratified as far as
/// whole lots allow), ties to the smaller fold. A map with an empty lot name is
/// a lot of its own. Throws fab::Error when k < 2, k exceeds the number of
/// lots, `lots` and `labels` differ in length, or a label is negative.
std::vector<int> lotGroupedFolds(std::span<const std::string> lots, std::span<const int> labels, int k,
                                 std::uint64_t seed);

}  // namespace fab::ml
