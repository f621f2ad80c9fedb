// Sprig math functions (sprig v3.3 functions.go and numeric.go).
#include "templating/sprig/math.h"

#include <cmath>
#include <limits>
#include <random>

#include "core/error.h"
#include "templating/sprig/spec_builders.h"
#include "templating/go_cast.h"
#include "templating/sprig/decimal.h"

namespace ho::tmpl {

namespace {

using sprig::Args;
constexpr auto kAny = ParamType::Any;

Value int64Result(std::int64_t n) { return Value::integer(n, GoType::Int64); }

// Go's int64 arithmetic wraps around on overflow.
std::int64_t wrap(std::uint64_t bits) { return static_cast<std::int64_t>(bits); }
std::int64_t addWrapping(std::int64_t a, std::int64_t b) {
  return wrap(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}
std::int64_t multiplyWrapping(std::int64_t a, std::int64_t b) {
  return wrap(static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(b));
}

void requireNonZeroDivisor(std::int64_t divisor) {
  if (divisor == 0) throw Failure("runtime error: integer divide by zero");
}

std::int64_t divide(std::int64_t a, std::int64_t b) {
  requireNonZeroDivisor(b);
  if (b == -1) return wrap(0 - static_cast<std::uint64_t>(a));  // MinInt64 / -1 == MinInt64 in Go
  return a / b;
}

std::int64_t modulo(std::int64_t a, std::int64_t b) {
  requireNonZeroDivisor(b);
  return b == -1 ? 0 : a % b;
}

// math.Max / math.Min: infinities win over NaN, NaN over numbers, and the
// signed zeros are ordered (-0 < +0).
double goMax(double a, double b) {
  if (std::isinf(a) && a > 0) return a;
  if (std::isinf(b) && b > 0) return b;
  if (std::isnan(a) || std::isnan(b)) return std::numeric_limits<double>::quiet_NaN();
  if (a == 0 && b == 0) return std::signbit(a) ? b : a;
  return a > b ? a : b;
}

double goMin(double a, double b) {
  if (std::isinf(a) && a < 0) return a;
  if (std::isinf(b) && b < 0) return b;
  if (std::isnan(a) || std::isnan(b)) return std::numeric_limits<double>::quiet_NaN();
  if (a == 0 && b == 0) return std::signbit(a) ? a : b;
  return a < b ? a : b;
}

std::int64_t larger(std::int64_t a, std::int64_t b) { return b > a ? b : a; }
std::int64_t smaller(std::int64_t a, std::int64_t b) { return b < a ? b : a; }

Value foldInt(Args a, std::int64_t (*step)(std::int64_t, std::int64_t)) {
  std::int64_t total = castToInt64(a[0]);
  for (const Value& v : a.subspan(1)) total = step(total, castToInt64(v));
  return int64Result(total);
}

Value foldFloat(Args a, double (*step)(double, double)) {
  double total = castToFloat64(a[0]);
  for (const Value& v : a.subspan(1)) total = step(total, castToFloat64(v));
  return Value::floating(total);
}

// sprig's execDecimalOp: fold the operands as exact decimals.
Value foldDecimal(const Value& start, Args rest, Decimal (Decimal::*op)(const Decimal&) const) {
  Decimal total = Decimal::fromFloat(castToFloat64(start));
  for (const Value& v : rest) total = (total.*op)(Decimal::fromFloat(castToFloat64(v)));
  return Value::floating(total.toFloat());
}

// round VALUE PLACES [ROUND_ON]: rounds up when the dropped fraction reaches ROUND_ON (0.5).
Value round(Args a) {
  const double roundOn = a.size() > 2 ? a[2].asFloat() : 0.5;
  const double power = std::pow(10.0, static_cast<double>(a[1].asInt()));
  const double digits = power * castToFloat64(a[0]);
  double whole = 0;
  const double fraction = std::modf(digits, &whole);
  return Value::floating((fraction >= roundOn ? std::ceil(digits) : std::floor(digits)) / power);
}

Value randInt(Args a) {
  const std::int64_t span = a[1].asInt() - a[0].asInt();
  if (span <= 0) throw Failure("invalid argument to Intn");
  static thread_local std::mt19937_64 generator{std::random_device{}()};
  std::uniform_int_distribution<std::int64_t> pick(0, span - 1);
  return Value::integer(pick(generator) + a[0].asInt(), GoType::Int);
}


}  // namespace

void registerMathFunctions(FunctionTable& table) {
  table.add("add", sprig::variadic({}, kAny, [](Args a) {
              std::int64_t total = 0;
              for (const Value& v : a) total = addWrapping(total, castToInt64(v));
              return int64Result(total);
            }));
  table.add("add1", sprig::fixed({kAny},
                         [](Args a) { return int64Result(addWrapping(castToInt64(a[0]), 1)); }));
  table.add("sub", sprig::fixed({kAny, kAny}, [](Args a) {
              return int64Result(addWrapping(castToInt64(a[0]), multiplyWrapping(castToInt64(a[1]), -1)));
            }));
  table.add("div", sprig::fixed({kAny, kAny},
                        [](Args a) { return int64Result(divide(castToInt64(a[0]), castToInt64(a[1]))); }));
  table.add("mod", sprig::fixed({kAny, kAny},
                        [](Args a) { return int64Result(modulo(castToInt64(a[0]), castToInt64(a[1]))); }));
  table.add("mul", sprig::variadic({kAny}, kAny, [](Args a) { return foldInt(a, multiplyWrapping); }));
  table.add("max", sprig::variadic({kAny}, kAny, [](Args a) { return foldInt(a, larger); }));
  table.add("biggest", sprig::variadic({kAny}, kAny, [](Args a) { return foldInt(a, larger); }));
  table.add("min", sprig::variadic({kAny}, kAny, [](Args a) { return foldInt(a, smaller); }));
  table.add("maxf", sprig::variadic({kAny}, kAny, [](Args a) { return foldFloat(a, goMax); }));
  table.add("minf", sprig::variadic({kAny}, kAny, [](Args a) { return foldFloat(a, goMin); }));
  table.add("floor", sprig::fixed({kAny},
                          [](Args a) { return Value::floating(std::floor(castToFloat64(a[0]))); }));
  table.add("ceil", sprig::fixed({kAny},
                         [](Args a) { return Value::floating(std::ceil(castToFloat64(a[0]))); }));
  table.add("round", sprig::variadic({kAny, ParamType::Int}, ParamType::Float64, round));
  table.add("randInt", sprig::fixed({ParamType::Int, ParamType::Int}, randInt));

  table.add("addf", sprig::variadic({}, kAny, [](Args a) { return foldDecimal(Value::floating(0), a, &Decimal::add); }));
  table.add("add1f", sprig::fixed({kAny}, [](Args a) {
              const Value one[] = {Value::integer(1, GoType::Int)};
              return foldDecimal(a[0], one, &Decimal::add);
            }));
  table.add("subf", sprig::variadic({kAny}, kAny, [](Args a) { return foldDecimal(a[0], a.subspan(1), &Decimal::subtract); }));
  table.add("mulf", sprig::variadic({kAny}, kAny, [](Args a) { return foldDecimal(a[0], a.subspan(1), &Decimal::multiply); }));
  table.add("divf", sprig::variadic({kAny}, kAny, [](Args a) { return foldDecimal(a[0], a.subspan(1), &Decimal::divide); }));
}

}  // namespace ho::tmpl
