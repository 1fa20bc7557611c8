using Loyalty.Core.Collection;

namespace Loyalty.Core.Features;

/// <summary>
/// Turns grouped transaction rows into per-customer partials: sorts each customer's rows by time, finds identical
/// rows, merges same-day purchases, nets returns and splits calibration from holdout.
/// </summary>
internal sealed class RfmReducer
{
    private readonly int _calibrationEnd;
    private readonly int _lastCounted;
    private readonly IdenticalRowPolicy _duplicates;

    private long _identical;
    private long _identicalDropped;
    private long _sameDayMerged;
    private long _after;
    private long _returnsNetted;
    private long _returnsUnmatched;
    private long _daysCancelled;
    private long _firstSeenLate;
    private long _used;

    internal RfmReducer(SummaryWindow window, IdenticalRowPolicy duplicates)
    {
        _calibrationEnd = DateOnly.FromDateTime(window.CalibrationEnd).DayNumber;
        _lastCounted = window.ObservationEnd is { } end ? DateOnly.FromDateTime(end).DayNumber : _calibrationEnd;
        _duplicates = duplicates;
    }

    internal DataQualityReport Reduce(
        IReadOnlyList<string> customers,
        TransactionColumns purchases,
        TransactionColumns returns,
        out List<CustomerRfmPartial> partials)
    {
        var (offsets, ticks, amounts) = purchases.GroupByCustomer(customers.Count);
        var (returnOffsets, returnTicks, returnAmounts) = returns.GroupByCustomer(customers.Count);
        partials = new List<CustomerRfmPartial>(customers.Count);
        var days = new List<PurchaseDay>();
        for (int c = 0; c < customers.Count; c++)
        {
            days.Clear();
            var customerTicks = ticks.AsSpan(offsets[c], offsets[c + 1] - offsets[c]);
            var customerAmounts = amounts.AsSpan(offsets[c], customerTicks.Length);
            SortByTimeThenAmount(customerTicks, customerAmounts);
            CollectDays(customerTicks, customerAmounts, days);
            var returnSpan = returnTicks.AsSpan(returnOffsets[c], returnOffsets[c + 1] - returnOffsets[c]);
            if (!returnSpan.IsEmpty)
            {
                var returnAmountSpan = returnAmounts.AsSpan(returnOffsets[c], returnSpan.Length);
                SortByTimeThenAmount(returnSpan, returnAmountSpan);
                NetReturns(returnSpan, returnAmountSpan, days);
            }

            if (ToPartial(customers[c], days) is { } partial)
            {
                partials.Add(partial);
            }
        }

        return new DataQualityReport
        {
            IdenticalRows = _identical,
            IdenticalRowsDropped = _identicalDropped,
            SameDayMerged = _sameDayMerged,
            AfterObservationEnd = _after,
            ReturnsNetted = _returnsNetted,
            ReturnsDropped = _returnsUnmatched,
            PurchaseDaysCancelled = _daysCancelled,
            CustomersFirstSeenAfterCalibration = _firstSeenLate,
            TransactionsUsed = _used,
        };
    }

    /// <summary>Sorting by amount within equal timestamps makes the result independent of input order, bit for bit.</summary>
    private static void SortByTimeThenAmount(Span<long> ticks, Span<double> amounts)
    {
        if (ticks.Length < 2)
        {
            return;
        }

        ticks.Sort(amounts);
        for (int start = 0; start < ticks.Length;)
        {
            int end = start + 1;
            while (end < ticks.Length && ticks[end] == ticks[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                amounts[start..end].Sort();
            }

            start = end;
        }
    }

    private void CollectDays(ReadOnlySpan<long> ticks, ReadOnlySpan<double> amounts, List<PurchaseDay> days)
    {
        for (int i = 0; i < ticks.Length; i++)
        {
            if (i > 0 && ticks[i] == ticks[i - 1] && amounts[i].Equals(amounts[i - 1]))
            {
                _identical++;
                if (_duplicates == IdenticalRowPolicy.Drop)
                {
                    _identicalDropped++;
                    continue;
                }
            }

            int day = (int)(ticks[i] / TimeSpan.TicksPerDay);
            if (day > _lastCounted)
            {
                _after++;
                continue;
            }

            _used++;
            if (days.Count > 0 && days[^1].Day == day)
            {
                days[^1] = days[^1] with { Amount = days[^1].Amount + amounts[i] };
                _sameDayMerged++;
            }
            else
            {
                days.Add(new PurchaseDay(day, amounts[i]));
            }
        }
    }

    /// <summary>Subtracts each return from the latest purchase day on or before it that is still standing.</summary>
    private void NetReturns(ReadOnlySpan<long> ticks, ReadOnlySpan<double> amounts, List<PurchaseDay> days)
    {
        for (int r = 0; r < ticks.Length; r++)
        {
            int day = (int)(ticks[r] / TimeSpan.TicksPerDay);
            if (day > _lastCounted)
            {
                _after++;
                continue;
            }

            int target = days.Count - 1;
            while (target >= 0 && (days[target].Day > day || days[target].Cancelled))
            {
                target--;
            }

            if (target < 0)
            {
                _returnsUnmatched++;
                continue;
            }

            _returnsNetted++;
            double net = days[target].Amount + amounts[r];
            bool cancelled = net <= 0;
            days[target] = new PurchaseDay(days[target].Day, cancelled ? 0 : net, cancelled);
            if (cancelled)
            {
                _daysCancelled++;
            }
        }

        days.RemoveAll(d => d.Cancelled);
    }

    private CustomerRfmPartial? ToPartial(string customer, List<PurchaseDay> days)
    {
        if (days.Count == 0)
        {
            return null;
        }

        int first = days[0].Day;
        int lastCalibration = first;
        int calibrationDays = 0;
        int holdoutDays = 0;
        double calibrationAmount = 0;
        double holdoutAmount = 0;
        foreach (var day in days)
        {
            if (day.Day <= _calibrationEnd)
            {
                calibrationDays++;
                calibrationAmount += day.Amount;
                lastCalibration = day.Day;
            }
            else
            {
                holdoutDays++;
                holdoutAmount += day.Amount;
            }
        }

        if (calibrationDays == 0)
        {
            _firstSeenLate++;
        }

        return new CustomerRfmPartial(
            new CustomerId(customer),
            DateOnly.FromDayNumber(first),
            days[0].Amount,
            DateOnly.FromDayNumber(lastCalibration),
            calibrationDays,
            calibrationAmount,
            holdoutDays,
            holdoutAmount);
    }

    private readonly record struct PurchaseDay(int Day, double Amount, bool Cancelled = false);
}
