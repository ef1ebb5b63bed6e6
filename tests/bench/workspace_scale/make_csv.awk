# Writes a long measurement CSV: LOTS lots × 25 wafers × SITES sites × 10 parameters, one value a row
# (each parameter a tenth of the rows), about one value in a thousand left empty. Fixed seed.
#   mawk -v LOTS=100 -v SITES=40 -f make_csv.awk > m.csv
# Lot l is measured on day l (from 2026-01-01), wafer w at minute w of that day.
function civil(days,    z, era, doe, yoe, y, doy, mp, d, m) {  # days since 1970-01-01 → "YYYY-MM-DD"
  z = days + 719468; era = int(z / 146097); doe = z - era * 146097
  yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
  y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100)); mp = int((5 * doy + 2) / 153)
  d = doy - int((153 * mp + 2) / 5) + 1; m = mp < 10 ? mp + 3 : mp - 9
  return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
}
BEGIN {
  srand(20261207)
  print "lot,wafer,site,parameter,value,time"
  for (l = 0; l < LOTS; l++) {
    lot = sprintf("L%05d", l); day = civil(20454 + l)
    for (w = 1; w <= 25; w++) {
      t = sprintf("%sT%02d:%02d:00", day, int(w / 60), w % 60)
      for (s = 1; s <= SITES; s++)
        for (p = 1; p <= 10; p++) {
          if (rand() < 0.001) v = ""
          else v = sprintf("%.4f", 10 * p + (rand() + rand() + rand() - 1.5) * 2)
          printf "%s,%d,S%02d,P%02d,%s,%s\n", lot, w, s, p, v, t
        }
    }
  }
}
