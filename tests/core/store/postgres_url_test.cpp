// A server workspace's URL as it may be shown or kept on disk: without its
// password, whether libpq reads it from the user part or from the query
// (core/store/postgres_connection.h).
#include <gtest/gtest.h>

#include "core/store/postgres_connection.h"

namespace fab::store {
namespace {

TEST(PostgresUrl, ThePasswordIsLeftOutWhereverTheUrlGivesIt) {
  EXPECT_EQ(withoutPassword("postgresql://ana:s3cret@db.fab:5432/yield"), "postgresql://ana@db.fab:5432/yield");
  EXPECT_EQ(withoutPassword("postgresql://ana@db.fab:5432/yield"), "postgresql://ana@db.fab:5432/yield");
  EXPECT_EQ(withoutPassword("postgres://db.fab/yield?password=s3cret"), "postgres://db.fab/yield");
  EXPECT_EQ(withoutPassword("postgresql://db.fab/yield?password=s3cret&sslmode=require"),
            "postgresql://db.fab/yield?sslmode=require");
  EXPECT_EQ(withoutPassword("postgresql://db.fab/yield?sslmode=require&password=s3cret&connect_timeout=5"),
            "postgresql://db.fab/yield?sslmode=require&connect_timeout=5");
  // An '@' in the query is not the user's, and a port is not a password.
  EXPECT_EQ(withoutPassword("postgresql://db.fab:5432/yield?application_name=a@b"),
            "postgresql://db.fab:5432/yield?application_name=a@b");
  EXPECT_EQ(withoutPassword("/home/ana/w.fabdb"), "/home/ana/w.fabdb");
}

}  // namespace
}  // namespace fab::store
