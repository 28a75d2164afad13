//! Tables: column widths from their content, and rows placed on pages —
//! split between rows, a row taller than a page split by lines, the header
//! row repeated on every page a table runs over.

use super::lines::{break_lines, text_width};
use super::paginate::{Paginator, Prepared};
use super::{Align, Draw, Line, Metrics, Origin, Pt, Table};

/// Column widths from content: every column gets at least its longest word
/// (when that fits at all); the rest of the width goes to columns in
/// proportion to how much more their text wants.
pub(super) fn column_widths(m: &dyn Metrics, table: &Table, columns: usize, total: Pt) -> Vec<Pt> {
    let available = total - table.gap_x * (columns.saturating_sub(1)) as f32;
    let mut min = vec![0.0f32; columns];
    let mut max = vec![0.0f32; columns];
    for row in std::iter::once(&table.header).chain(table.rows.iter()) {
        for (c, cell) in row.iter().enumerate().take(columns) {
            let natural = break_lines(m, &cell.spans, f32::MAX, Align::Left);
            let full = natural.iter().map(|l| l.width).fold(0.0, f32::max);
            let longest_word = cell
                .spans
                .iter()
                .flat_map(|s| {
                    s.text
                        .split_whitespace()
                        .map(move |w| text_width(m, w, &s.style))
                })
                .fold(0.0, f32::max);
            // A no-wrap column may take up to half the table; any column
            // at least its longest word, up to an equal share.
            let (unbreakable, cap) = if table.nowrap.contains(&c) {
                (full, available / 2.0)
            } else {
                (longest_word, available / columns as f32)
            };
            min[c] = min[c].max(unbreakable.min(cap));
            max[c] = max[c].max(full);
        }
    }
    let min_total: Pt = min.iter().sum();
    let max_total: Pt = max.iter().sum();
    if max_total <= available {
        // Everything fits on one line: give the spare room to the widest.
        let spare = available - max_total;
        let widest = (0..columns)
            .max_by(|&a, &b| max[a].total_cmp(&max[b]))
            .unwrap_or(0);
        return (0..columns)
            .map(|c| max[c] + if c == widest { spare } else { 0.0 })
            .collect();
    }
    if min_total >= available {
        return min.iter().map(|w| w * available / min_total).collect();
    }
    let want: Pt = (0..columns).map(|c| max[c] - min[c]).sum();
    let spare = available - min_total;
    (0..columns)
        .map(|c| {
            min[c]
                + if want > 0.0 {
                    spare * (max[c] - min[c]) / want
                } else {
                    spare / columns as f32
                }
        })
        .collect()
}

impl Paginator {
    /// Places table `block`.
    pub(super) fn place_table(&mut self, prepared: &Prepared, block: usize) {
        let Prepared::Table {
            table,
            widths,
            header,
            rows,
            line_heights,
        } = prepared
        else {
            return;
        };
        let row_height = |cells: &Vec<Vec<Line>>, lh: Pt| {
            cells.iter().map(Vec::len).max().unwrap_or(0) as f32 * lh + 2.0 * table.pad_y
        };
        let header_h = if table.header.is_empty() {
            0.0
        } else {
            row_height(header, line_heights.0)
        };
        // A header row is repeated on the pages a table runs over only when
        // it takes at most half a page: a taller one would leave next to no
        // room for the rows it heads (and fill page after page on its own).
        let repeat_header = header_h > 0.0 && header_h <= self.spec.content_height() / 2.0;
        if self.y > 0.0 {
            self.y += table.space_before;
        }
        let first_row_h = rows
            .first()
            .map_or(0.0, |r| row_height(r, line_heights.1[0]));
        if self.y > 0.0
            && header_h + first_row_h > self.room()
            && header_h + first_row_h <= self.spec.content_height()
        {
            self.new_page();
        }
        // The header row is the table's row 0 where it is first drawn;
        // drawn again on a later page, it is a repetition (furniture).
        let first_row = usize::from(!table.header.is_empty());
        if header_h > 0.0 {
            self.draw_row(table, widths, header, line_heights.0, Some((block, 0)));
        }
        for (r, cells) in rows.iter().enumerate() {
            let row = Some((block, first_row + r));
            let lh = line_heights.1[r];
            let mut rest: Vec<&[Line]> = cells.iter().map(Vec::as_slice).collect();
            loop {
                let needed =
                    rest.iter().map(|c| c.len()).max().unwrap_or(0) as f32 * lh + 2.0 * table.pad_y;
                if needed <= self.room() + 0.001 {
                    let owned: Vec<Vec<Line>> = rest.iter().map(|c| c.to_vec()).collect();
                    self.draw_row(table, widths, &owned, lh, row);
                    break;
                }
                let full_page =
                    self.spec.content_height() - if repeat_header { header_h } else { 0.0 };
                if needed <= full_page || self.room() < 2.0 * lh + 2.0 * table.pad_y {
                    // Move the row whole to the next page (or split it there
                    // if it is taller than a page).
                    self.new_page();
                    if repeat_header {
                        self.draw_row(table, widths, header, line_heights.0, None);
                    }
                    if needed <= self.room() + 0.001 {
                        continue;
                    }
                }
                // A row taller than a page: split its cells' lines.
                let fit = ((self.room() - 2.0 * table.pad_y) / lh).floor().max(1.0) as usize;
                let part: Vec<Vec<Line>> = rest
                    .iter()
                    .map(|c| c[..fit.min(c.len())].to_vec())
                    .collect();
                self.draw_row(table, widths, &part, lh, row);
                rest = rest.iter().map(|c| &c[fit.min(c.len())..]).collect();
                if rest.iter().all(|c| c.is_empty()) {
                    // All drawn (or a row of no lines whose padding alone
                    // overflows a tiny page: drawn once, not on every page
                    // for ever — a hang the fuzzer found).
                    break;
                }
                self.new_page();
                if repeat_header {
                    self.draw_row(table, widths, header, line_heights.0, None);
                }
            }
        }
        self.y += table.space_after;
    }

    /// Draws a row of cells: row `row.1` of table `row.0`, or a repeated
    /// header row when `row` is `None`.
    fn draw_row(
        &mut self,
        table: &Table,
        widths: &[Pt],
        cells: &[Vec<Line>],
        lh: Pt,
        row: Option<(usize, usize)>,
    ) {
        let header = row.is_none_or(|(_, r)| r == 0 && !table.header.is_empty());
        let height = cells.iter().map(Vec::len).max().unwrap_or(0) as f32 * lh + 2.0 * table.pad_y;
        let mut x = self.spec.left;
        let top = self.y;
        for (c, lines) in cells.iter().enumerate() {
            for (k, line) in lines.iter().enumerate() {
                let size = lh / table.leading.max(1.0);
                let baseline = self.spec.top
                    + top
                    + table.pad_y
                    + k as f32 * lh
                    + (lh - size) / 2.0
                    + 0.8 * size;
                let origin = row.map_or(Origin::Repeat, |(block, row)| Origin::Cell {
                    block,
                    row,
                    column: c,
                });
                self.push_text(line, x, baseline, 0.0, origin);
            }
            x += widths[c] + table.gap_x;
        }
        self.y += height;
        if table.rules {
            let y = self.spec.top + self.y;
            let (width, color) = if header {
                (0.9, [0.1, 0.1, 0.1])
            } else {
                (0.4, [0.75, 0.75, 0.75])
            };
            let (x0, x1) = (self.spec.left, self.spec.width - self.spec.right);
            self.page().draws.push(Draw::Rule {
                from: (x0, y),
                to: (x1, y),
                width,
                color,
            });
        }
    }
}
