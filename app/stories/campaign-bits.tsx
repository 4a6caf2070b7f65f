import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";

type Shown = number | "fewer_than_5" | null;

/** A public figure in words: its number, "fewer than 5", or "at least" a sum whose other parts are suppressed. */
export function useFigureText() {
  const { t } = useTranslation();
  return (value: Shown, atLeast = false) => {
    if (value === "fewer_than_5") return t("campaign.fewerThan5");
    if (value === null) return "0";
    return atLeast ? t("campaign.atLeast", { count: value }) : String(value);
  };
}

/** The campaign's invitation to employers: into employer registration. */
export function OfferPlacementLink() {
  const { t } = useTranslation();
  return (
    <p>
      <Link to="/register" className="button">
        {t("campaign.offerPlacement")}
      </Link>
    </p>
  );
}
