import { useTranslation } from "~/i18n/use-translation.tsx";
import type { QuietReason } from "./quiet.ts";

/** Why a mentee shows as going quiet, one reason a line, in words. */
export function QuietReasons({ reasons }: { reasons: QuietReason[] }) {
  const { t } = useTranslation();
  return (
    <ul className="quiet-reasons">
      {reasons.map((r, n) => (
        <li key={`${r.rule}-${n}`}>
          {r.rule === "overdue"
            ? t("checkins.quiet.overdue", { count: r.days })
            : r.rule === "noContact"
              ? t("checkins.quiet.noContact", { count: r.days })
              : r.rule === "missedInARow"
                ? t("checkins.quiet.missedInARow", { count: r.count })
                : r.rule === "lowAttendance"
                  ? t("checkins.quiet.lowAttendance", { attended: r.attended, expected: r.expected })
                  : t("checkins.quiet.feelingDropped", { from: r.from, to: r.to })}
        </li>
      ))}
    </ul>
  );
}
