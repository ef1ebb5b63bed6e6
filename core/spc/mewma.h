#pragma once
// The multivariate EWMA chart (Lowry, Woodall, Champ & Rigdon 1992,
// Technometrics 34:46; Montgomery, Introduction to SQC, 7th ed., §11.4):
//   Zᵢ = λ(x̄ᵢ − μ) + (1 − λ)Zᵢ₋₁, Z₀ = 0,   T²ᵢ = Zᵢᵀ Σ_Z⁻¹ Zᵢ,
// with the asymptotic Σ_Z = λ/(2 − λ) · S/nᵢ, and a signal when T²ᵢ > h. The
// in-control run length depends only on p, λ and h (Lowry et al. §3), so h is
// either given or found for an in-control ARL from Rigdon's (1995, J. Stat.
// Comput. Simul. 52:351) integral equation for that run length.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/spc/hotelling_t2.h"

namespace fab::spc {

struct MewmaOptions {
  double lambda = 0.1;      ///< weight of the newest point, in (0, 1]
  std::optional<double> h;  ///< the upper limit; unset = the h whose in-control ARL is `arl0`
  double arl0 = 200;        ///< in-control average run length
  void validate() const;    ///< throws fab::Error: λ outside (0, 1], h ≤ 0, ARL0 outside [2, 10⁷]
};

struct MewmaChart {
  double lambda = 0.1, h = 0;
  std::string hSource;            ///< "given" or how it was found
  std::vector<double> statistic;  ///< per point of the T² chart (NaN where it has none)
  std::vector<std::size_t> outOfControl;
  std::vector<std::string> notes;
};

/// MEWMA of the T² chart's points around its phase I centre and covariance.
MewmaChart mewma(const T2Chart& chart, const MewmaOptions& options);

/// The zero-start in-control ARL of the chart with limit h: with u = ‖Zᵢ‖²,
/// ‖Zᵢ₊₁‖²/λ² is noncentral χ²(p, ((1 − λ)/λ)²u), so L(u) = 1 + ∫₀ᴴ L(v) f(v | u) dv
/// with H = hλ/(2 − λ), solved by Gauss–Legendre quadrature in s = √v (Knoth
/// 2017, J. Quality Technology 49:78) on `nodes` nodes.
double mewmaInControlArl(std::size_t p, double lambda, double h, int nodes = 48);

/// The h whose in-control ARL is `arl0` (bisection on mewmaInControlArl).
double mewmaLimitForArl(std::size_t p, double lambda, double arl0);

}  // namespace fab::spc
