using Stowage.Server.Printing;

namespace Stowage.Server.Tests.Printing;

/// <summary>Kubernetes' own cases (apimachinery/pkg/util/duration/duration_test.go), ported.</summary>
public sealed class HumanDurationTests
{
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    // Go's "-2*time.Second + 1" adds one nanosecond; a tick (100 ns) is the smallest step here.
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    public static TheoryData<TimeSpan, string> HumanDurationCases => new()
    {
        { Second, "1s" },
        { 70 * Second, "70s" },
        { 190 * Second, "3m10s" },
        { 70 * Minute, "70m" },
        { 47 * Hour, "47h" },
        { 49 * Hour, "2d1h" },
        { ((8 * 24) + 2) * Hour, "8d" },
        { 367 * 24 * Hour, "367d" },
        { ((365 * 2 * 24) + 25) * Hour, "2y1d" },
        { ((365 * 8 * 24) + 2) * Hour, "8y" },
    };

    public static TheoryData<TimeSpan, string> HumanDurationBoundaryCases => new()
    {
        { -2 * Second, "<invalid>" },
        { (-2 * Second) + Tick, "0s" },
        { TimeSpan.Zero, "0s" },
        { Second - Millisecond, "0s" },
        { (2 * Minute) - Millisecond, "119s" },
        { 2 * Minute, "2m" },
        { (2 * Minute) + Second, "2m1s" },
        { (10 * Minute) - Millisecond, "9m59s" },
        { 10 * Minute, "10m" },
        { (10 * Minute) + Second, "10m" },
        { (3 * Hour) - Millisecond, "179m" },
        { 3 * Hour, "3h" },
        { (3 * Hour) + Minute, "3h1m" },
        { (8 * Hour) - Millisecond, "7h59m" },
        { 8 * Hour, "8h" },
        { (8 * Hour) + (59 * Minute), "8h" },
        { (2 * 24 * Hour) - Millisecond, "47h" },
        { 2 * 24 * Hour, "2d" },
        { (2 * 24 * Hour) + Hour, "2d1h" },
        { (8 * 24 * Hour) - Millisecond, "7d23h" },
        { 8 * 24 * Hour, "8d" },
        { (8 * 24 * Hour) + (23 * Hour), "8d" },
        { (2 * 365 * 24 * Hour) - Millisecond, "729d" },
        { 2 * 365 * 24 * Hour, "2y" },
        { (2 * 365 * 24 * Hour) + (23 * Hour), "2y" },
        { (2 * 365 * 24 * Hour) + (23 * Hour) + (59 * Minute), "2y" },
        { (2 * 365 * 24 * Hour) + (24 * Hour) - Millisecond, "2y" },
        { (2 * 365 * 24 * Hour) + (24 * Hour), "2y1d" },
        { 3 * 365 * 24 * Hour, "3y" },
        { 4 * 365 * 24 * Hour, "4y" },
        { 5 * 365 * 24 * Hour, "5y" },
        { 6 * 365 * 24 * Hour, "6y" },
        { 7 * 365 * 24 * Hour, "7y" },
        { (8 * 365 * 24 * Hour) - Millisecond, "7y364d" },
        { 8 * 365 * 24 * Hour, "8y" },
        { (8 * 365 * 24 * Hour) + (364 * 24 * Hour), "8y" },
        { 9 * 365 * 24 * Hour, "9y" },
    };

    public static TheoryData<TimeSpan, string> ShortHumanDurationBoundaryCases => new()
    {
        { -2 * Second, "<invalid>" },
        { (-2 * Second) + Tick, "0s" },
        { TimeSpan.Zero, "0s" },
        { Second - Millisecond, "0s" },
        { Second, "1s" },
        { (2 * Second) - Millisecond, "1s" },
        { Minute - Millisecond, "59s" },
        { Minute, "1m" },
        { (2 * Minute) - Millisecond, "1m" },
        { Hour - Millisecond, "59m" },
        { Hour, "1h" },
        { (2 * Hour) - Millisecond, "1h" },
        { (24 * Hour) - Millisecond, "23h" },
        { 24 * Hour, "1d" },
        { (2 * 24 * Hour) - Millisecond, "1d" },
        { (365 * 24 * Hour) - Millisecond, "364d" },
        { 365 * 24 * Hour, "1y" },
        { (2 * 365 * 24 * Hour) - Millisecond, "1y" },
        { 2 * 365 * 24 * Hour, "2y" },
    };

    [Theory]
    [MemberData(nameof(HumanDurationCases))]
    public void Formats_durations_as_Kubernetes_does(TimeSpan duration, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(duration));

    [Theory]
    [MemberData(nameof(HumanDurationBoundaryCases))]
    public void Switches_units_at_Kubernetes_boundaries(TimeSpan duration, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(duration));

    [Theory]
    [MemberData(nameof(ShortHumanDurationBoundaryCases))]
    public void Short_form_switches_units_at_Kubernetes_boundaries(TimeSpan duration, string expected) =>
        Assert.Equal(expected, HumanDuration.FormatShort(duration));

    [Fact]
    public void Extreme_durations_fit_the_buffer()
    {
        Assert.Equal("<invalid>", HumanDuration.Format(TimeSpan.MinValue));
        Assert.Equal("29247y", HumanDuration.Format(TimeSpan.MaxValue)[^6..]);
        Assert.True(HumanDuration.Format(TimeSpan.MaxValue).Length <= HumanDuration.MaxLength);
    }
}
