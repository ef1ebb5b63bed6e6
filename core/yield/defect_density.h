#pragma once
// The inverse of a yield model: the defect density D0 that gives a yield.
//
// Closed forms (x = A·D0, y = Y/Y0):
//   Poisson x = −ln y;  Seeds 1/(1+AD): x = 1/y − 1;  Seeds e^(−√AD): x = (ln y)²;
//   Bose-Einstein x = y^(−1/n) − 1 (per layer);  negative binomial x = α(y^(−1/α) − 1).
// Murphy's two forms have no elementary inverse (their solution needs the
// Lambert W function); they are solved with the bracketing TOMS 748 root
// finder (Alefeld, Potra & Shi 1995, ACM TOMS 21(3)) on a bracket derived from
// (1 − e^(−u))/u < 1/u.
#include "core/yield/yield_model.h"

namespace fab::yield {

/// x = A·D0 such that yieldAtAD(model, x) = y, for y in (0, 1]. y = 1 gives 0.
/// Throws fab::Error for y ≤ 0 (no finite density gives zero yield) or y > 1.
double adFromYield(YieldModel model, double y, const ModelParameters& parameters = {});

/// D0 (cm⁻²; per layer for Bose-Einstein) such that Y0 · Ymodel(A·D0) = yield.
/// Throws fab::Error when the area is not positive, when yield is outside
/// (0, Y0] or when a model parameter is out of range.
double d0FromYield(YieldModel model, double area, double yield, const ModelParameters& parameters = {},
                   double y0 = 1.0);

}  // namespace fab::yield
