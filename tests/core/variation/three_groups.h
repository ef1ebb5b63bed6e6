#pragma once
// A small three-group sample with ties (4.9 twice across groups 2 and 3, 8.2
// twice) for the one-way tests. Reference values in the tests were computed
// with scipy 1.10 (scipy.stats.kruskal, f_oneway, rankdata, norm.sf) and from
// the closed forms cited in each header.
#include "core/variation/group_samples.h"

namespace fab::test {

inline variation::GroupSamples threeGroups() {
  variation::GroupSamples s;
  s.label = {"T1", "T2", "T3"};
  s.values = {
      {6.4, 6.8, 7.2, 8.3, 8.4, 9.1, 9.4, 9.7}, {2.5, 3.7, 4.9, 5.4, 5.9, 8.1, 8.2}, {1.3, 4.1, 4.9, 5.2, 5.5, 8.2}};
  return s;
}

}  // namespace fab::test
