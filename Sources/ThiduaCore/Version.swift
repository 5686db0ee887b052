/// The release of thidua, in one place: `thidua --version`, `--report` lines,
/// the iCalendar PRODID and the XLSX's application name read it from here.
public enum ThiduaVersion {
    public static let string = "0.12.0"
}
