package dev.santong.console.web;

/** The person's tokens are no longer good (Keycloak's session ended or expired): they sign in again. */
public class SignInAgain extends RuntimeException {

    public SignInAgain(String why) {
        super(why);
    }
}
