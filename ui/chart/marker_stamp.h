#pragma once
// Round markers drawn fast: as vector ellipses, or, when many are drawn on a
// raster device (screen, PNG), as copies of one pre-rendered marker image
// (about 30× faster for 100,000 markers). SVG and PDF always get vectors.
#include <QImage>
#include <QPainter>

#include <vector>

namespace fab::ui::chart {

class MarkerStamp {
 public:
  /// `many`: the caller expects enough markers for images to pay off.
  MarkerStamp(QPainter& painter, bool many);

  /// A circle of `radius` pixels at `centre`, outlined with `pen` and filled with `brush`.
  void draw(const QPointF& centre, double radius, const QPen& pen, const QBrush& brush);

 private:
  struct Sprite {
    QRgb pen = 0, brush = 0;
    double penWidth = 0, radius = 0;
    bool hasPen = false, hasBrush = false;
    QImage image;
    double half = 0;  ///< logical pixels from the image corner to the marker centre
  };
  const Sprite& sprite(double radius, const QPen& pen, const QBrush& brush);

  QPainter& painter_;
  bool stamp_;
  std::vector<Sprite> sprites_;
};

}  // namespace fab::ui::chart
