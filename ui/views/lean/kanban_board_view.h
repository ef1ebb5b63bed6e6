#pragma once
// A kanban board's tab: columns with their counts and WIP limits, cards
// dragged between columns (the store refuses a move over a hard limit, and a
// kaizen entering the done column needs its evidence or a written override),
// the card editor and evidence panel, filters by owner and area, undo of moves
// and edits, and the flow metrics (cumulative flow, cycle-time chart).
#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

#include "core/lean/kaizen.h"
#include "core/lean/kanban_board.h"
#include "core/lean/kanban_store.h"
#include "ui/views/workspace_view.h"

class QComboBox;
class QLabel;
class QHBoxLayout;
class QTabWidget;
class QTableWidget;

namespace fab::ui {
class JobRunner;
namespace chart {
class ChartWidget;
}
}  // namespace fab::ui

namespace fab::ui::lean {

class EvidencePanel;
class KaizenEditor;
class KanbanColumnList;

class KanbanBoardView : public QWidget, public WorkspaceView {
  Q_OBJECT
 public:
  /// Asked for a written reason to close a kaizen whose evidence does not show
  /// the improvement; nullopt = the user gave up the move.
  using OverrideProvider = std::function<std::optional<QString>(const QString& cardTitle, const QString& evidence)>;
  /// Shows a refusal or warning to the user.
  using MessageSink = std::function<void(const QString&)>;

  KanbanBoardView(const QString& workspacePath, const QString& boardName, QWidget* parent = nullptr);
  ~KanbanBoardView() override;

  void refreshView() override;

  /// Moves a card as a drop does. True when moved now; false when refused or
  /// cancelled, and also while a move to a done column waits for its kaizen's
  /// evidence, which is computed off the GUI thread: moveFinished says how that ended.
  bool moveCard(std::int64_t cardId, std::int64_t toColumn);
  /// A move to a done column is waiting for its evidence.
  bool checkingEvidence() const;
  /// Undoes the last move or edit made in this view (Ctrl+Z). False when there is none.
  bool undo();
  /// Stores an edited kaizen (undoable).
  bool saveKaizen(const fab::lean::Kaizen& kaizen);
  void selectCard(std::int64_t cardId);
  void setFilters(const QString& owner, const QString& area);

  const fab::lean::KanbanBoard& board() const { return board_; }
  KanbanColumnList* columnList(std::size_t index) const { return lists_.at(index); }
  QLabel* columnHeader(std::size_t index) const { return headers_.at(index); }
  chart::ChartWidget* cumulativeFlowWidget() const { return cfd_; }
  chart::ChartWidget* cycleTimeWidget() const { return cycle_; }
  EvidencePanel* evidencePanel() const { return evidence_; }
  QTableWidget* evidenceTable() const;
  /// Brings the card's evidence tab to the front (the card's editor is the other tab).
  void showEvidencePage();
  KaizenEditor* editor() const { return editor_; }
  const QString& lastMessage() const { return lastMessage_; }
  void setOverrideProvider(OverrideProvider p) { override_ = std::move(p); }
  void setMessageSink(MessageSink s) { message_ = std::move(s); }
  /// Shows the board or the metrics page.
  void showMetrics(bool metrics);

 signals:
  void evidenceReady();
  /// Every move ends with this, moved or not (moves to a done column end later than moveCard returns).
  void moveFinished(qint64 cardId, bool moved);

 private:
  struct UndoEntry {
    bool move = true;
    std::int64_t cardId = 0;
    fab::lean::Kaizen before;  ///< the kaizen as it was, for an edit
  };

  void reload();
  void rebuildColumns();
  void rebuildMetrics();
  void showCard(std::int64_t cardId);
  /// The move itself, once the evidence gate of a done column is known (empty gate otherwise).
  bool finishMove(std::int64_t cardId, std::int64_t toColumn, fab::lean::EvidenceGate gate);
  void startEvidence(const fab::lean::Kaizen& kaizen);
  void tell(const QString& message);
  std::string who() const;
  std::int64_t nextTime() const;

  QString path_, boardName_;
  fab::lean::KanbanBoard board_;
  std::vector<UndoEntry> undo_;
  std::int64_t selected_ = 0;
  std::int64_t wantedEvidence_ = 0;                   ///< the kaizen whose evidence the panel waits for
  std::optional<fab::lean::Kaizen> pendingEvidence_;  ///< selected while another evidence job ran
  QString lastMessage_;
  OverrideProvider override_;
  MessageSink message_;

  QTabWidget* pages_ = nullptr;
  QWidget *boardPage_, *metricsPage_;
  QHBoxLayout* columnsLayout_;
  std::vector<KanbanColumnList*> lists_;
  std::vector<QLabel*> headers_;
  QComboBox *ownerFilter_, *areaFilter_;
  QLabel *status_, *metricsText_;
  KaizenEditor* editor_;
  QTabWidget* side_;
  EvidencePanel* evidence_;
  chart::ChartWidget *cfd_, *cycle_;
  JobRunner* runner_;
  JobRunner* gateRunner_;  ///< the evidence gate of a move to a done column (the latest move wins)
};

}  // namespace fab::ui::lean
