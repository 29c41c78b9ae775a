import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "../../db/connection";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("which database errors mean 'not there right now' (503), not 'this request is wrong'", () => {
  it("knows a stopped, restarting or unreachable PostgreSQL server and a cut connection", () => {
    for (const error of [
      withCode("terminating connection due to administrator command", "57P01"),
      withCode("the database system is starting up", "57P03"),
      withCode("the database system is shutting down", "57P03"),
      withCode("connection failure", "08006"),
      withCode("sorry, too many clients already", "53300"),
      withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"),
      new Error("Connection terminated unexpectedly"),
      new Error("Connection terminated due to connection timeout"),
      new Error("timeout exceeded when trying to connect"),
      new Error("Client has encountered a connection error and is not queryable"),
      new AggregateError([withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED")], ""),
      withCode("database is locked", "SQLITE_BUSY"),
    ])
      expect(isDatabaseUnavailable(error), error.message).toBe(true);
  });

  it("leaves every other failure a server error", () => {
    for (const error of [
      withCode('duplicate key value violates unique constraint "users_email_key"', "23505"),
      withCode("syntax error at or near", "42601"),
      withCode("database or disk is full", "SQLITE_FULL"),
      withCode("UNIQUE constraint failed: users.email", "SQLITE_CONSTRAINT_UNIQUE"),
      new Error("something else"),
      "a string",
      null,
    ])
      expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
